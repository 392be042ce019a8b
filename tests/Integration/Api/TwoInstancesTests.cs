using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Two API processes (real Kestrel, different ports) over one MongoDB-wire store with one signing key: what a
/// load balancer in front of many instances needs: accounts, tokens, books and covers are shared.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly string _signingKey = ApiProcess.NewSigningKey();
    private MongoWireServer _store = null!;
    private ApiProcess _first = null!;
    private ApiProcess _second = null!;

    public async Task InitializeAsync()
    {
        _store = await MongoWireServer.StartAsync();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Mongo"] = _store.ConnectionString("cleanauth_two_instances"),
            ["Jwt:SigningKey"] = _signingKey,
        };
        var first = ApiProcess.StartAsync(settings);
        var second = ApiProcess.StartAsync(settings);
        _first = await first;
        _second = await second;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_user_registered_on_one_instance_signs_in_on_the_other_and_its_token_works_on_both()
    {
        _first.BaseAddress.Port.Should().NotBe(_second.BaseAddress.Port);
        using var one = _first.CreateClient();
        using var two = _second.CreateClient();
        var email = $"two-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple";

        var register = await one.PostAsJsonAsync("/api/auth/register", new { name = "Twin", email, password });
        register.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var login = await two.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.StatusCode.Should().Be(HttpStatusCode.OK, "the second instance reads the same store");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        foreach (var client in new[] { one, two })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var me = await client.SendAsync(request);
            me.StatusCode.Should().Be(HttpStatusCode.OK, "{0} accepts a token issued by {1}", client.BaseAddress, _second.BaseAddress);
            (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().Should().Be(id);
        }

        // A book added through one instance, cover included, is listed and served by the other.
        using (var add = new HttpRequestMessage(HttpMethod.Post, "/api/books") { Content = BookClient.Form("Twin Peaks", "d", "thriller", cover: TestImages.Jpeg()) })
        {
            add.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await one.SendAsync(add)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using (var list = new HttpRequestMessage(HttpMethod.Get, "/api/books"))
        {
            list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var books = await (await two.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>();
            var book = books.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
            book.GetProperty("title").GetString().Should().Be("Twin Peaks");
            using var cover = new HttpRequestMessage(HttpMethod.Get, book.GetProperty("thumbnailUrl").GetString());
            cover.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await two.SendAsync(cover)).StatusCode.Should().Be(HttpStatusCode.OK, "the cover lives in the shared store, not on one instance's disk");
        }

        // Disabling on one instance stops the token on the other at its next request.
        using (var disable = new HttpRequestMessage(HttpMethod.Delete, "/api/users/me"))
        {
            disable.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await one.SendAsync(disable)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        after.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await two.SendAsync(after)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Both_instances_are_ready_and_write_request_events_with_the_client_address_to_stdout()
    {
        foreach (var instance in new[] { _first, _second })
        {
            using var client = instance.CreateClient();
            (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "wrong password!" });
            login.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            JsonElement? requestEvent = null;
            while (requestEvent is null && DateTime.UtcNow < deadline)
            {
                requestEvent = instance.LogEvents.Cast<JsonElement?>()
                    .FirstOrDefault(e => e!.Value.Int("@i") == 3100 && e.Value.Str("RequestPath") == "/api/auth/login");
                await Task.Delay(50);
            }

            requestEvent.Should().NotBeNull("the console sink is asynchronous but prompt");
            requestEvent!.Value.Str("ClientIp").Should().Be("127.0.0.1");
            requestEvent.Value.Str("@l").Should().Be("Warning");
            requestEvent.Value.Str("Environment").Should().Be("Production");
            instance.LogEvents.Should().Contain(e => e.Str("EventName") == "LoginFailed" && e.Str("ClientIp") == "127.0.0.1");
        }
    }
}
