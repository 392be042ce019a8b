using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Administrators over HTTP: bootstrap, the role check, user listing, disable/enable, role grants, last-admin protection.</summary>
public abstract class AdminApiTests
{
    public const string AdminEmail = "root@example.com";
    public const string AdminPassword = "bootstrap admin passphrase";

    protected static Dictionary<string, string?> BootstrapSettings() => new(StringComparer.Ordinal)
    {
        ["Bootstrap:AdminEmail"] = AdminEmail,
        ["Bootstrap:AdminPassword"] = AdminPassword,
    };

    protected abstract Task<CleanAuthApi> StartAsync();

    [Fact]
    public async Task The_bootstrapped_admin_lists_users_paged_and_filtered_without_any_secret()
    {
        await using var api = await StartAsync();
        var admin = await api.SignInAsync(AdminEmail, AdminPassword);
        var ann = await api.SignUpAsync("Ann");
        await api.SignUpAsync("Bob");
        using var client = api.CreateClient(admin.AccessToken);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/admin/users?page=1&pageSize=2");
        var filtered = await client.GetFromJsonAsync<JsonElement>($"/api/admin/users?email={ann.Email[..12].ToUpperInvariant()}");
        var raw = await client.GetStringAsync("/api/admin/users?pageSize=100");

        page.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("items", "page", "pageSize", "totalCount");
        page.GetProperty("totalCount").GetInt64().Should().Be(3);
        page.GetProperty("items").GetArrayLength().Should().Be(2);
        page.GetProperty("items")[0].EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("id", "name", "email", "roles", "disabled", "createdAt", "lastLoginAt", "emailConfirmed", "twoFactorEnabled");
        page.GetProperty("items")[0].GetProperty("roles")[0].GetString().Should().Be("admin");
        page.GetProperty("items")[0].GetProperty("lastLoginAt").ValueKind.Should().Be(JsonValueKind.String);
        filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(ann.Id);
        raw.Should().NotContainAny("AQAAAA", "passwordHash", "securityStamp", "refreshToken", admin.RefreshToken);
    }

    [Fact]
    public async Task A_non_admin_gets_403_on_every_admin_route_and_no_token_gets_401()
    {
        await using var api = await StartAsync();
        var user = await api.SignUpAsync();
        var target = await api.SignUpAsync();
        using var client = api.CreateClient(user.AccessToken);
        using var anonymous = api.CreateClient();

        foreach (var (method, path) in AdminRoutes(target.Id))
        {
            await (await client.SendAsync(new HttpRequestMessage(method, path))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await anonymous.SendAsync(new HttpRequestMessage(method, path))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        (await api.MeStatusAsync(target.AccessToken)).Should().Be(HttpStatusCode.OK, "nothing was done to the target");
    }

    [Fact]
    public async Task Unknown_and_malformed_user_ids_get_404()
    {
        await using var api = await StartAsync();
        var admin = await api.SignInAsync(AdminEmail, AdminPassword);
        using var client = api.CreateClient(admin.AccessToken);

        foreach (var id in new[] { "0123456789abcdef01234567", "not-an-id", "%7B%22%24ne%22%3Anull%7D" })
        {
            foreach (var (method, path) in AdminRoutes(id).Skip(1))
            {
                await (await client.SendAsync(new HttpRequestMessage(method, path))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            }
        }
    }

    [Fact]
    public async Task An_admin_disables_a_user_whose_tokens_die_at_once_and_enables_them_again()
    {
        await using var api = await StartAsync();
        var admin = await api.SignInAsync(AdminEmail, AdminPassword);
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(admin.AccessToken);

        (await client.PostAsync($"/api/admin/users/{user.Id}/disable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        await (await api.RefreshAsync(session.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await client.PostAsync($"/api/admin/users/{user.Id}/enable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var again = await api.SignInAsync(user.Email, user.Password);
        (await api.MeStatusAsync(again.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "tokens from before the disable stay dead");
    }

    [Fact]
    public async Task Granting_and_revoking_admin_takes_effect_on_the_next_request()
    {
        await using var api = await StartAsync();
        var admin = await api.SignInAsync(AdminEmail, AdminPassword);
        var user = await api.SignUpAsync();
        using var adminClient = api.CreateClient(admin.AccessToken);
        using var userClient = api.CreateClient(user.AccessToken);

        (await adminClient.PostAsync($"/api/admin/users/{user.Id}/roles/admin", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await userClient.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await adminClient.DeleteAsync($"/api/admin/users/{user.Id}/roles/admin")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await userClient.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_or_demoted_but_one_of_two_can()
    {
        await using var api = await StartAsync();
        var admin = await api.SignInAsync(AdminEmail, AdminPassword);
        using var client = api.CreateClient(admin.AccessToken);
        var adminId = (await client.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString()!;

        await (await client.DeleteAsync($"/api/admin/users/{adminId}/roles/admin")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/admin/users/{adminId}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.DeleteAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await api.MeStatusAsync(admin.AccessToken)).Should().Be(HttpStatusCode.OK);

        var second = await api.SignUpAsync();
        (await client.PostAsync($"/api/admin/users/{second.Id}/roles/admin", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/admin/users/{adminId}/roles/admin")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var secondClient = api.CreateClient(second.AccessToken);
        await (await secondClient.PostAsync($"/api/admin/users/{second.Id}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Paging_parameters_out_of_range_answer_400()
    {
        await using var api = await StartAsync();
        var admin = await api.SignInAsync(AdminEmail, AdminPassword);
        using var client = api.CreateClient(admin.AccessToken);

        (await (await client.GetAsync("/api/admin/users?page=0&pageSize=1000")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().BeEquivalentTo("page", "pageSize");
        await (await client.GetAsync("/api/admin/users?page=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private static (HttpMethod Method, string Path)[] AdminRoutes(string id) =>
    [
        (HttpMethod.Get, "/api/admin/users"),
        (HttpMethod.Post, $"/api/admin/users/{id}/disable"),
        (HttpMethod.Post, $"/api/admin/users/{id}/enable"),
        (HttpMethod.Post, $"/api/admin/users/{id}/roles/admin"),
        (HttpMethod.Delete, $"/api/admin/users/{id}/roles/admin"),
    ];
}

/// <summary>Each test gets its own embedded store, so the count of administrators is known.</summary>
public sealed class EmbeddedAdminApiTests : AdminApiTests
{
    protected override Task<CleanAuthApi> StartAsync()
    {
        var api = CleanAuthApi.Embedded(BootstrapSettings());
        _ = api.Server;
        return Task.FromResult(api);
    }
}

/// <summary>The same on the Mongo-wire server; each test in a database of its own.</summary>
public sealed class MongoWireAdminApiTests(MongoWireServerFixture server) : AdminApiTests, IClassFixture<MongoWireServerFixture>
{
    protected override Task<CleanAuthApi> StartAsync()
    {
        var api = CleanAuthApi.Mongo(server.Server.ConnectionString("admin_" + Guid.NewGuid().ToString("N")), BootstrapSettings());
        _ = api.Server;
        return Task.FromResult(api);
    }
}
