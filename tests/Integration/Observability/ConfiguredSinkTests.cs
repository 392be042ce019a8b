using System.Net;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Observability;

public sealed class ConfiguredSinkTests
{
    [Fact]
    public async Task A_file_sink_added_through_configuration_alone_receives_the_same_CLEF_events()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cleanauth-tests", "logs-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "cleanauth.clef");
        await using (var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = folder,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            // As an operator would add it: environment variables only, next to the default console sink (index 0).
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = path,
            ["Serilog:WriteTo:1:Args:formatter"] = "CleanAuth.WebApi.Logging.ClefFormatter, CleanAuth.WebApi",
        }))
        {
            using var client = api.CreateClient();
            (await client.GetAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await api.TerminateAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a clean stop flushes and closes the file");
        }

        var events = (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var request = events.Should().ContainSingle(e => e.IsRequestEvent("/api/users/me")).Subject;
        request.Str("@l").Should().Be("Warning");
        request.Int("StatusCode").Should().Be(401);
        request.Str("Application").Should().Be("CleanAuth");
        request.Str("ClientIp").Should().Be("127.0.0.1");
        Directory.Delete(folder, recursive: true);
    }
}
