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
            // A slow hash makes a registration take a second or more: long enough to stop the process during
            // it, short enough not to hit a timeout when CI's two cores are busy with other test classes.
            ["Passwords:Iterations"] = "3000000",
            ["Api:ShutdownTimeout"] = "00:01:00",
            // ASP.NET Core's "Request starting" event tells the test the request has been read.
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var clock = Stopwatch.StartNew();

        var inFlight = client.PostAsJsonAsync("/api/auth/register", new { name = "Late", email = $"late-{Guid.NewGuid():N}@example.com", password = "correct horse battery staple" });
        await WaitUntil(() => api.LogEvents.Any(e => e.Str("SourceContext") == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Int("@i") == 1 && e.Str("Path") == "/api/auth/register"));
        var exited = await api.TerminateAsync(TimeSpan.FromSeconds(30));
        var response = await inFlight;

        response.StatusCode.Should().Be(HttpStatusCode.Created, "the request that was running when SIGTERM came is finished, not cut");
        exited.Should().BeTrue();
        api.ExitCode.Should().Be(0);
        var stopping = api.LogEvents.Should().ContainSingle(e => e.Str("@mt") == "Application is shutting down...").Subject;
        var completed = api.LogEvents.Should().ContainSingle(e => e.Int("@i") == 3100 && e.Str("RequestPath") == "/api/auth/register",
            "the asynchronous sink is flushed before the process exits").Subject;
        completed.Int("StatusCode").Should().Be(201);
        completed.GetProperty("@t").GetDateTime().Should().BeAfter(stopping.GetProperty("@t").GetDateTime(), "the request was still running when the stop began");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "it did not wait for the whole shutdown timeout (one minute)");
        Directory.Delete(dataPath, recursive: true);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the request should have started");
            await Task.Delay(10);
        }
    }
}
