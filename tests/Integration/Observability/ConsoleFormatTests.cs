using System.Diagnostics;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Observability;

/// <summary>
/// The console is for a person in Development (one readable line an event) and CLEF JSON for machines elsewhere;
/// <c>Logs:Format</c> chooses either anywhere (ADR 0048). A real process, since the console sink is what is under test.
/// </summary>
public sealed partial class ConsoleFormatTests
{
    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", "Text")]
    public async Task Text_is_one_readable_line_an_event_led_by_time_level_and_name(string environment, string? format)
    {
        var lines = await LinesUntilListeningAsync(environment, format);

        lines.Should().NotContain(l => l.StartsWith('{'), "no CLEF in the text format");
        lines.Should().Contain(l => TextListening().IsMatch(l));
    }

    [Theory]
    [InlineData("Development", "Json")]
    [InlineData("Production", null)]
    public async Task Json_is_one_CLEF_object_a_line(string environment, string? format)
    {
        var lines = await LinesUntilListeningAsync(environment, format);

        lines.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith('{'));
        lines.Select(l => JsonDocument.Parse(l).RootElement).Should().Contain(e => e.Str("EventName") == "ListeningOnAddress" && e.Str("Environment") == environment);
    }

    [Fact]
    public async Task An_unknown_format_is_refused_at_start_naming_the_setting()
    {
        var lines = await LinesUntilListeningAsync("Production", "Yaml");

        var refused = JsonDocument.Parse(lines.Should().ContainSingle().Subject).RootElement;
        refused.Str("EventName").Should().Be("StartupRefused");
        refused.Str("Reason").Should().Contain("Logs:Format must be Json or Text");
    }

    /// <summary>The process's stdout until it listens (then it is stopped) or exits.</summary>
    private static async Task<List<string>> LinesUntilListeningAsync(string environment, string? format)
    {
        using var data = new TempFolder("cleanauth-console-");
        var start = new ProcessStartInfo("dotnet", [ApiProcess.WebApiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(ApiProcess.WebApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__DataPath"] = data.Path;
        start.Environment["Email__Delivery"] = "Pickup";
        start.Environment["Jwt__SigningKey"] = ApiProcess.NewSigningKey();
        start.Environment["TwoFactor__EncryptionKey"] = ApiProcess.NewEncryptionKey();
        if (format is not null)
        {
            start.Environment["Logs__Format"] = format;
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("ListeningOnAddress", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }

        return lines;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\[\d\d:\d\d:\d\d INF\] ListeningOnAddress: Now listening on: ""http://127\.0\.0\.1:\d+""$")]
    private static partial System.Text.RegularExpressions.Regex TextListening();
}
