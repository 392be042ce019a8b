using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Issue 23's activity over HTTP on each store (ADR 0054): what a user did shows up in their activity with the
/// address and user agent of the request, newest first, and nothing another account did ever does.
/// </summary>
public abstract class ActivityApiTests(CleanAuthApi api)
{
    private const string MyAddress = "198.51.100.23";
    private const string MyAgent = "ActivityTest/1.0 (owner)";
    private const string TheirAddress = "203.0.113.99";
    private const string TheirAgent = "ActivityTest/1.0 (someone else)";

    public static Dictionary<string, string?> Settings() => new(StringComparer.Ordinal)
    {
        ["Api:TrustForwardedHeaders"] = "true",
        ["Bootstrap:AdminEmail"] = AdminApiTests.AdminEmail,
        ["Bootstrap:AdminPassword"] = AdminApiTests.AdminPassword,
    };

    [Fact]
    public async Task A_sign_in_a_wrong_password_and_enabling_two_factor_show_up_newest_first_and_nothing_of_another_account()
    {
        var user = await api.SignUpConfirmedAsync();
        var other = await api.SignUpConfirmedAsync();
        using var mine = Client(MyAddress, MyAgent);
        using var theirs = Client(TheirAddress, TheirAgent);

        (await Login(mine, user.Email, "not the password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Login(theirs, other.Email, "not the password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Login(theirs, $"nobody-{Guid.NewGuid():N}@example.com", "not the password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var session = Session.From(await BodyAsync(await Login(mine, user.Email, user.Password), HttpStatusCode.OK));
        (await Login(theirs, other.Email, other.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        var enabled = await EnableTwoFactorAsync(mine, session.AccessToken);

        var page = await BodyAsync(await Authorized(mine, enabled.AccessToken).GetAsync("/api/users/me/activity"), HttpStatusCode.OK);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Take(3).Select(i => (Str(i, "kind"), Str(i, "outcome"), Str(i, "clientIp"), Str(i, "userAgent"))).Should().Equal(
            ("twoFactorEnabled", "succeeded", MyAddress, MyAgent),
            ("signIn", "succeeded", MyAddress, MyAgent),
            ("signIn", "wrongPassword", MyAddress, MyAgent));
        items.Should().NotContain(i => Str(i, "clientIp") == TheirAddress || Str(i, "userAgent") == TheirAgent, "nothing another account did");
        items.Select(i => i.GetProperty("at").GetDateTimeOffset()).Should().BeInDescendingOrder();
        // A sign-in starts its session, so it has none yet; what a signed-in caller does carries the caller's session.
        items[0].GetProperty("sessionId").ValueKind.Should().Be(JsonValueKind.String);
        items.Skip(1).Should().OnlyContain(i => i.GetProperty("sessionId").ValueKind == JsonValueKind.Null);
        page.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);

        // The other account sees its own and none of the first one's.
        var othersItems = (await BodyAsync(await Authorized(theirs, other.AccessToken).GetAsync("/api/users/me/activity"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        othersItems.Should().Contain(i => Str(i, "outcome") == "wrongPassword" && Str(i, "clientIp") == TheirAddress);
        othersItems.Should().NotContain(i => Str(i, "clientIp") == MyAddress || Str(i, "kind") == "twoFactorEnabled");
    }

    [Fact]
    public async Task Pages_follow_the_cursor_and_bad_paging_is_a_400()
    {
        var user = await api.SignUpAsync();
        using var client = Client(MyAddress, MyAgent);
        for (var i = 0; i < 4; i++)
        {
            (await Login(client, user.Email, "not the password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var me = Authorized(client, user.AccessToken);
        var all = (await BodyAsync(await me.GetAsync("/api/users/me/activity"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.GetRawText()).ToList();
        all.Should().HaveCount(5, "the sign-up's sign-in and four wrong passwords");
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await BodyAsync(await me.GetAsync($"/api/users/me/activity?pageSize=2{(cursor is null ? "" : "&cursor=" + cursor)}"), HttpStatusCode.OK);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetRawText()));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        paged.Should().Equal(all);
        await ProblemAsync(await me.GetAsync("/api/users/me/activity?pageSize=101"), HttpStatusCode.BadRequest, "pageSize");
        await ProblemAsync(await me.GetAsync("/api/users/me/activity?pageSize=0"), HttpStatusCode.BadRequest, "pageSize");
        await ProblemAsync(await me.GetAsync("/api/users/me/activity?cursor=not-a-cursor"), HttpStatusCode.BadRequest, "cursor");
        await ProblemAsync(await me.GetAsync("/api/users/me/activity?cursor=MTIzLnt9"), HttpStatusCode.BadRequest, "cursor");
        using var anonymous = Client(MyAddress, MyAgent);
        (await anonymous.GetAsync("/api/users/me/activity")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrator_reads_a_users_activity_without_their_own_address_and_a_user_cannot()
    {
        var user = await api.SignUpAsync();
        using var adminClient = Client(TheirAddress, TheirAgent);
        var admin = await BodyAsync(await Login(adminClient, AdminApiTests.AdminEmail, AdminApiTests.AdminPassword), HttpStatusCode.OK);
        using var asAdmin = Authorized(adminClient, Session.From(admin).AccessToken);
        (await asAdmin.PostAsync($"/api/admin/users/{user.Id}/disable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await asAdmin.PostAsync($"/api/admin/users/{user.Id}/enable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var items = (await BodyAsync(await asAdmin.GetAsync($"/api/admin/users/{user.Id}/activity?pageSize=2"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (Str(i, "kind"), Str(i, "clientIp"), Str(i, "userAgent"))).Should().Equal(
            ("accountEnabled", null, null), ("accountDisabled", null, null));

        (await asAdmin.GetAsync("/api/admin/users/000000000000000000000000/activity")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nobody is no user");
        (await asAdmin.GetAsync("/api/admin/users/not-an-id/activity")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var userToken = await api.LoginAsync(user.Email, user.Password);
        using var asUser = Authorized(Client(MyAddress, MyAgent), userToken);
        (await asUser.GetAsync($"/api/admin/users/{user.Id}/activity")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private HttpClient Client(string address, string agent)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(agent);
        return client;
    }

    private static HttpClient Authorized(HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    private static async Task<Session> EnableTwoFactorAsync(HttpClient client, string accessToken)
    {
        Authorized(client, accessToken);
        var key = (await BodyAsync(await client.PostAsync("/api/users/me/two-factor/setup", null), HttpStatusCode.OK)).GetProperty("sharedKey").GetString()!;
        var code = TestAuthenticator.Code(key, TestAuthenticator.StepAt(DateTimeOffset.UtcNow));
        return Session.From(await BodyAsync(await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code }), HttpStatusCode.OK));
    }

    private static string? Str(JsonElement item, string name) => item.GetProperty(name).GetString();

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await BodyAsync(response, status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(body.GetRawText());
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class ActivityEmbeddedApiFixture : IAsyncLifetime
{
    public CleanAuthApi Api { get; } = CleanAuthApi.Embedded(ActivityApiTests.Settings());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class ActivityMongoWireApiFixture : IAsyncLifetime
{
    private MongoWireServer? _server;

    public CleanAuthApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MongoWireServer.StartAsync();
        Api = CleanAuthApi.Mongo(_server.ConnectionString("cleanauth"), ActivityApiTests.Settings());
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class EmbeddedActivityApiTests(ActivityEmbeddedApiFixture fixture) : ActivityApiTests(fixture.Api), IClassFixture<ActivityEmbeddedApiFixture>;

public sealed class MongoWireActivityApiTests(ActivityMongoWireApiFixture fixture) : ActivityApiTests(fixture.Api), IClassFixture<ActivityMongoWireApiFixture>;
