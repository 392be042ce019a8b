using System.Diagnostics;
using System.Text.RegularExpressions;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The README's "Try it" block, run as written with curl and jq against a real API process (only its address
/// changed, and a cover.jpg put next to it): register, sign in, add a book with a cover, list it, fetch the thumbnail,
/// and sign in again with HTTP Basic credentials.
/// </summary>
public sealed partial class ReadmeTryItTests
{
    [ToolFact("curl", "jq")]
    public async Task The_try_it_commands_add_a_book_with_a_cover_and_fetch_its_thumbnail()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        var block = BashBlock().Match(readme, readme.IndexOf("\n## Try it\n", StringComparison.Ordinal)).Groups[1].Value;
        block.Should().Contain("jq -er .accessToken").And.Contain("cover=@cover.jpg");
        using var data = new TempFolder("cleanauth-tryit-api-");
        using var work = new TempFolder("cleanauth-tryit-");
        await File.WriteAllBytesAsync(work.File("cover.jpg"), TestImages.Jpeg(600, 900));
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = data.Path,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
        });
        var script = block.Replace("localhost:5080", api.BaseAddress.Authority, StringComparison.Ordinal);

        using var bash = Process.Start(new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            try
            {
                await bash.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                bash.Kill(entireProcessTree: true);
                throw;
            }
        }

        bash.ExitCode.Should().Be(0, "every command succeeds:\n{0}\n{1}", await stdout, await stderr);
        (await stdout).Should().Contain("\"title\": \"The Dispossessed\"", "the listed book").And.EndWith("Bearer\n", "the Basic login's token type");
        using var thumbnail = NetVips.Image.NewFromFile(work.File("thumbnail.jpg"));
        thumbnail.Width.Should().BeLessThanOrEqualTo(150);
        thumbnail.Height.Should().Be(150, "a 600×900 cover fits 150×150 by its height");
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
