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

    [Fact]
    public async Task While_another_process_holds_the_embedded_write_lock_a_write_gets_503_after_the_busy_timeout_and_succeeds_once_it_is_released()
    {
        await using var api = CleanAuthApi.Embedded();
        using var client = api.CreateClient();
        await api.SignUpAsync();
        object Registration() => new { name = "Patient", email = $"busy-{Guid.NewGuid():N}@example.com", password = "correct horse battery" };

        // As an operator's sqlite3 shell or a stuck backup would: a write transaction left open on the file.
        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={api.EmbeddedFile};Pooling=False"))
        {
            holder.Open();
            using var transaction = holder.BeginTransaction(deferred: false);
            var clock = Stopwatch.StartNew();
            var blocked = await client.PostAsJsonAsync("/api/auth/register", Registration());

            await blocked.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            blocked.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
            clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4), "the write waited for the lock (5 s) before giving up");
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.PostAsJsonAsync("/api/auth/register", Registration())).StatusCode.Should().Be(HttpStatusCode.Created);
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
