using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Every command block in README.md and docs/ either runs as written in a test, or says in its first line that it
/// is an example needing outside services: a newcomer who copies a block gets what it says. And the README stays
/// short enough to finish: at most 1,500 words besides its route table.
/// </summary>
public sealed partial class DocsCommandBlocksTests
{
    public const string ExampleMarker = "# Example:";
    public const int MaxReadmeWords = 1500;

    /// <summary>The blocks run as written, by file and the heading they sit under, and the test that runs each.</summary>
    private static readonly Dictionary<(string File, string Heading), string> RunAsWritten = new()
    {
        [("README.md", "The two commands")] = $"{nameof(The_readmes_first_command_runs_the_api_in_Development_with_the_docs)}; the second is the test command .ci/run runs",
        [("README.md", "Try it")] = nameof(ReadmeTryItTests),
        [("docs/operations.md", "Running against MongoDB")] = nameof(ReadmeRunTests),
        [("docs/operations.md", "Running in production")] = nameof(ReadmeRunTests),
    };

    [Fact]
    public void Every_command_block_runs_in_a_test_or_says_it_is_an_example()
    {
        var blocks = CommandBlocks().ToList();

        blocks.Should().HaveCountGreaterThan(RunAsWritten.Count, "the documents were read");
        foreach (var (file, heading, text) in blocks)
        {
            (RunAsWritten.ContainsKey((file, heading)) || text.StartsWith(ExampleMarker, StringComparison.Ordinal)).Should().BeTrue(
                "the block under \"{0}\" in {1} either runs in a test (listed here) or starts with \"{2} needs …\":\n{3}", heading, file, ExampleMarker, text);
        }

        // And no listed block is gone: a test that reads a block that moved would not run what the reader sees.
        RunAsWritten.Keys.Should().OnlyContain(key => blocks.Any(b => b.File == key.File && b.Heading == key.Heading));
    }

    [Fact]
    public void The_readme_is_at_most_1500_words_besides_its_route_table()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = Array.FindIndex(lines, line => line.StartsWith("| Use case |", StringComparison.Ordinal));
        var table = lines.Skip(start).TakeWhile(line => line.StartsWith('|')).Count();
        // Words as `wc -w` counts them: runs of non-space.
        var words = lines.Where((_, i) => i < start || i >= start + table).Sum(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);

        table.Should().BeGreaterThan(20, "the route table was found");
        words.Should().BeLessThanOrEqualTo(MaxReadmeWords, "the README leads a newcomer to run, try and test; the rest lives in docs/");
    }

    /// <summary>
    /// The first of the two commands, as written but for what a test machine needs (the port, a data folder of its
    /// own, and `-c Release --no-build`, as <see cref="ReadmeRunTests"/> does): the launch profile makes it a
    /// Development run, with the docs served and a signing key generated into the data folder.
    /// </summary>
    [Fact]
    public async Task The_readmes_first_command_runs_the_api_in_Development_with_the_docs()
    {
        var block = CommandBlocks().Single(b => b.File == "README.md" && b.Heading == "The two commands").Text;
        var run = block.Split('\n').Single(line => line.StartsWith("dotnet run", StringComparison.Ordinal));
        run.Should().Be("dotnet run --project src/WebApi");
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var script = run.Replace("dotnet run ", "dotnet run -c Release --no-build ", StringComparison.Ordinal) + $" --urls http://127.0.0.1:{port}";
        using var data = new TempFolder("cleanauth-readme-dev-");
        var start = new ProcessStartInfo("bash", ["-c", "exec " + script])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Storage__DataPath"] = data.Path;
        using var api = Process.Start(start)!;
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            (await ReadyAsync(client, api)).Should().BeTrue("the API answered /health/ready within 90 s");

            (await client.GetAsync("/scalar")).StatusCode.Should().Be(HttpStatusCode.OK, "the launch profile makes it Development: the docs are served");
            (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
            File.Exists(data.File("jwt-signing-key.dev")).Should().BeTrue("Development generates its signing key into the data folder");
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient client, Process api)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline && !api.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250); // Polling a port that is not open yet: nothing to wait on but time.
        }

        return false;
    }

    /// <summary>Every shell block of README.md and docs/**.md, with the heading it sits under.</summary>
    private static IEnumerable<(string File, string Heading, string Text)> CommandBlocks()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (var path in files)
        {
            var file = Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/');
            var heading = "";
            List<string>? block = null;
            var inOtherFence = false;
            foreach (var line in File.ReadLines(path))
            {
                if (block is not null)
                {
                    if (line.StartsWith("```", StringComparison.Ordinal))
                    {
                        yield return (file, heading, string.Join('\n', block));
                        block = null;
                    }
                    else
                    {
                        block.Add(line);
                    }
                }
                else if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    if (!inOtherFence && ShellFence().IsMatch(line))
                    {
                        block = [];
                    }
                    else
                    {
                        inOtherFence = !inOtherFence;
                    }
                }
                else if (!inOtherFence && Heading().Match(line) is { Success: true } match)
                {
                    heading = match.Groups[1].Value;
                }
            }
        }
    }

    [GeneratedRegex(@"^```(bash|sh|shell|console|zsh)\s*$")]
    private static partial Regex ShellFence();

    [GeneratedRegex(@"^#{1,6} (.+)$")]
    private static partial Regex Heading();
}
