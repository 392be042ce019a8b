using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Issue 15's races: logins with one code (or one recovery code) fired together behind a barrier, many rounds, on
/// both stores; each round admits exactly one. Also the administrator's reset and list, which need the bootstrap admin.
/// </summary>
public abstract class TwoFactorRaceTests(CleanAuthApi api, ITestOutputHelper output)
{
    public const string AdminEmail = "root@example.com";
    public const string AdminPassword = "bootstrap admin passphrase";
    private const int Rounds = 12;
    private const int Together = 8;

    public static Dictionary<string, string?> Settings() => new(StringComparer.Ordinal)
    {
        ["Bootstrap:AdminEmail"] = AdminEmail,
        ["Bootstrap:AdminPassword"] = AdminPassword,
        // The losers' refused codes count toward the lockout; these rounds are about the replay guard, not the lock.
        ["Lockout:MaxFailedAttempts"] = "100000",
        ["Passwords:HashQueueTimeout"] = "00:00:30",
    };

    private FakeTimeProvider Clock => api.Clock!;

    [StoreFact]
    public async Task Parallel_logins_with_one_code_or_one_recovery_code_admit_exactly_one_per_round()
    {
        var (user, key, recovery) = await EnabledUserAsync();
        for (var round = 0; round < Rounds; round++)
        {
            // A fresh step each round, so the only thing deciding is the store's conditional write.
            Clock.Advance(TimeSpan.FromSeconds(TestAuthenticator.Period));
            var useRecovery = round % 3 == 2;
            var code = TestAuthenticator.Code(key, TestAuthenticator.StepAt(Clock.GetUtcNow()));
            var body = useRecovery
                ? (object)new { email = user.Email, password = user.Password, recoveryCode = recovery[round / 3] }
                : new { email = user.Email, password = user.Password, twoFactorCode = code };

            var statuses = await TogetherAsync(Enumerable.Range(0, Together).Select(_ => (Func<Task<HttpStatusCode>>)(async () =>
            {
                using var client = api.CreateClient();
                return (await client.PostAsJsonAsync("/api/auth/login", body)).StatusCode;
            })).ToArray());

            var because = $"round {round} ({(useRecovery ? "recovery code" : "code")}): {string.Join(", ", statuses)}";
            statuses.Count(s => s == HttpStatusCode.OK).Should().Be(1, because);
            statuses.Where(s => s != HttpStatusCode.OK).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized, because);
        }

        output.WriteLine($"{api}: {Rounds} rounds of {Together} logins with one code, one winner each");
    }

    [StoreFact]
    public async Task An_administrator_sees_the_second_factor_in_the_list_and_resets_it()
    {
        var admin = await AdminAsync();
        var (user, _, _) = await EnabledUserAsync();
        using var client = api.CreateClient(admin);

        (await SummaryAsync(client, user.Email)).GetProperty("twoFactorEnabled").GetBoolean().Should().BeTrue();
        (await client.PostAsync($"/api/admin/users/{user.Id}/two-factor/reset", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsync($"/api/admin/users/{user.Id}/two-factor/reset", null)).StatusCode.Should().Be(HttpStatusCode.NoContent, "idempotent");
        await (await client.PostAsync("/api/admin/users/0123456789abcdef01234567/two-factor/reset", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/admin/users/not-an-id/two-factor/reset", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await SummaryAsync(client, user.Email)).GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();
        (await api.SignInAsync(user.Email, user.Password)).AccessToken.Should().NotBeEmpty("the password alone signs in again");
        api.Logs.Events.Any(e => e.TryGetProperty("EventName", out var n) && n.GetString() == "TwoFactorReset"
            && e.GetProperty("UserId").GetString() == user.Id).Should().BeTrue("the reset is an audit event");

        using var notAdmin = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await (await notAdmin.PostAsync($"/api/admin/users/{user.Id}/two-factor/reset", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<string> AdminAsync()
    {
        for (var i = 0; ; i++)
        {
            using var client = api.CreateClient();
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword });
            if (login.StatusCode == HttpStatusCode.OK || i == 50)
            {
                return Session.From(await login.Content.ReadFromJsonAsync<JsonElement>()).AccessToken;
            }

            await Task.Delay(100); // the bootstrap runs in the background at start-up
        }
    }

    private static async Task<JsonElement> SummaryAsync(HttpClient admin, string email)
    {
        var response = await admin.GetAsync($"/api/admin/users?email={Uri.EscapeDataString(email)}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var page = JsonDocument.Parse(text).RootElement;
        return page.GetProperty("items").EnumerateArray().Single();
    }

    private async Task<(TestUser User, string Key, List<string> Recovery)> EnabledUserAsync()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        var setup = await client.PostAsync("/api/users/me/two-factor/setup", null);
        var key = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        var enable = await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = TestAuthenticator.Code(key, TestAuthenticator.StepAt(Clock.GetUtcNow())) });
        enable.StatusCode.Should().Be(HttpStatusCode.OK);
        var recovery = (await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (user, key, recovery);
    }

    // Every request waits at the barrier until all are ready, then they go together.
    private static async Task<HttpStatusCode[]> TogetherAsync(params Func<Task<HttpStatusCode>>[] requests)
    {
        using var start = new SemaphoreSlim(0);
        var running = requests.Select(async request =>
        {
            await start.WaitAsync();
            return await request();
        }).ToList();
        start.Release(running.Count);
        return await Task.WhenAll(running);
    }
}

public sealed class EmbeddedTwoFactorRaceApiFixture : IAsyncLifetime
{
    public CleanAuthApi Api { get; } = CleanAuthApi.Embedded(TwoFactorRaceTests.Settings(), new FakeTimeProvider(DateTimeOffset.UtcNow));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class MongoWireTwoFactorRaceApiFixture : IAsyncLifetime
{
    private MongoWireServer? _server;

    public CleanAuthApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MongoWireServer.StartAsync();
        Api = CleanAuthApi.Mongo(_server.ConnectionString("twofactor_races"), TwoFactorRaceTests.Settings(), new FakeTimeProvider(DateTimeOffset.UtcNow));
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

public sealed class EmbeddedTwoFactorRaceTests(EmbeddedTwoFactorRaceApiFixture fixture, ITestOutputHelper output)
    : TwoFactorRaceTests(fixture.Api, output), IClassFixture<EmbeddedTwoFactorRaceApiFixture>;

public sealed class MongoWireTwoFactorRaceTests(MongoWireTwoFactorRaceApiFixture fixture, ITestOutputHelper output)
    : TwoFactorRaceTests(fixture.Api, output), IClassFixture<MongoWireTwoFactorRaceApiFixture>;
