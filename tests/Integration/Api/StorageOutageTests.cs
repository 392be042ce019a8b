using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public sealed class StorageOutageTests
{
    [Fact]
    public async Task While_MongoDB_is_unreachable_requests_get_503_with_retry_after_and_the_api_recovers_without_a_restart()
    {
        var port = FreeLoopbackPort();
        await using var api = CleanAuthApi.Mongo(
            $"mongodb://127.0.0.1:{port}/outage?serverMonitoringMode=poll",
            new() { ["Storage:MongoServerSelectionTimeout"] = "00:00:01" });
        using var client = api.CreateClient();
        var email = $"outage-{Guid.NewGuid():N}@example.com";
        object Registration() => new { name = "Olive", email, password = "correct horse battery" };

        var duringOutage = await client.PostAsJsonAsync("/api/auth/register", Registration());

        var problem = await duringOutage.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        duringOutage.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        problem.GetProperty("detail").GetString().Should().NotContain("127.0.0.1", "no infrastructure detail leaks");

        await using var server = await MongoWireServer.StartAsync(port);
        var afterRecovery = await RetryUntilAsync(
            () => client.PostAsJsonAsync("/api/auth/register", Registration()),
            response => response.StatusCode != HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(20));

        afterRecovery.StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.LoginAsync(email, "correct horse battery")).Should().NotBeNullOrEmpty();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<HttpResponseMessage> RetryUntilAsync(
        Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (done(response) || clock.Elapsed > limit)
            {
                return response;
            }

            await Task.Delay(250);
        }
    }
}
