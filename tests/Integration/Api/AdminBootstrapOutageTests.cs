using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public sealed class AdminBootstrapOutageTests
{
    [Fact]
    public async Task With_MongoDB_unreachable_the_api_still_starts_with_bootstrap_configured_and_answers_503()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var api = CleanAuthApi.Mongo($"mongodb://127.0.0.1:{port}/bootstrap?serverMonitoringMode=poll", new()
        {
            ["Storage:MongoServerSelectionTimeout"] = "00:00:01",
            ["Bootstrap:AdminEmail"] = "root@example.com",
            ["Bootstrap:AdminPassword"] = "bootstrap admin passphrase",
        });
        using var client = api.CreateClient();

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "root@example.com", password = "bootstrap admin passphrase" });

        await login.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        api.Logs.Text.Should().Contain("AdminBootstrapFailed").And.NotContain("bootstrap admin passphrase");
    }
}
