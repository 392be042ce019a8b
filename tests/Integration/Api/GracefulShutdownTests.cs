using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task On_SIGTERM_a_request_in_flight_is_answered_then_the_process_exits_cleanly_with_its_logs_flushed()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = dataPath,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            // A slow hash makes a registration take about a second: long enough to stop the process during it.
            ["Passwords:Iterations"] = "3000000",
            ["Api:ShutdownTimeout"] = "00:00:20",
        });
        using var client = api.CreateClient();
        var clock = Stopwatch.StartNew();

        var inFlight = client.PostAsJsonAsync("/api/auth/register", new { name = "Late", email = $"late-{Guid.NewGuid():N}@example.com", password = "correct horse battery staple" });
        await Task.Delay(400); // on loopback the request is being hashed by now; nothing is logged before it ends
        var exited = await api.TerminateAsync(TimeSpan.FromSeconds(30));
        var response = await inFlight;

        response.StatusCode.Should().Be(HttpStatusCode.Created, "the request that was running when SIGTERM came is finished, not cut");
        exited.Should().BeTrue();
        api.ExitCode.Should().Be(0);
        api.LogEvents.Should().Contain(e => e.Str("@mt") == "Application is shutting down...");
        api.LogEvents.Should().Contain(e => e.Int("@i") == 4000 && e.Str("RequestPath") == "/api/auth/register" && e.Int("StatusCode") == 201,
            "the asynchronous sink is flushed before the process exits");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "it did not wait for the whole shutdown timeout");
        Directory.Delete(dataPath, recursive: true);
    }
}
