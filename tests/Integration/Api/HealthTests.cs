using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public abstract class HealthTests(CleanAuthApi api, string storeCheck)
{
    [Fact]
    public async Task Live_answers_200_with_a_json_body()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_answers_200_when_the_store_answers_and_names_the_check()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Healthy");
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("name").GetString()).Should().BeEquivalentTo(storeCheck, "image-library");
        checks.Should().OnlyContain(c => c.GetProperty("status").GetString() == "Healthy");
    }
}

public sealed class EmbeddedHealthTests(EmbeddedApiFixture fixture)
    : HealthTests(fixture.Api, "embedded-store"), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireHealthTests(MongoWireApiFixture fixture)
    : HealthTests(fixture.Api, "mongodb"), IClassFixture<MongoWireApiFixture>;

public sealed class HealthDuringOutageTests
{
    [Fact]
    public async Task While_MongoDB_is_unreachable_ready_answers_503_and_live_still_200()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var api = CleanAuthApi.Mongo(
            $"mongodb://127.0.0.1:{port}/outage?serverMonitoringMode=poll",
            new() { ["Storage:MongoServerSelectionTimeout"] = "00:00:01" });
        using var client = api.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var text = await ready.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetString().Should().Be("Unhealthy");
        var check = body.GetProperty("checks").EnumerateArray().Should().ContainSingle(c => c.GetProperty("name").GetString() == "mongodb").Subject;
        check.GetProperty("status").GetString().Should().Be("Unhealthy");
        text.Should().NotContain("127.0.0.1").And.NotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain("Exception");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
