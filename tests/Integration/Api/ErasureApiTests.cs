using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Hosting;
using CleanAuth.Tests.Email;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Erasing an account (ADR 0055) over HTTP, on each store. What is left afterwards is read from the store's own
/// schema (every table of the SQLite file, every collection of the database), so a table added later without its
/// line in the erasure is caught here: only the notice in the outbox may name the account.
/// </summary>
public abstract class ErasureApiTests(CleanAuthApi api)
{
    private const string NoticeSubject = "Your account has been erased";

    private FakeTimeProvider Clock => api.Clock!;

    [Fact]
    public async Task Erasure_leaves_no_row_of_the_account_in_any_table_but_its_notice_in_the_outbox()
    {
        var bystander = await api.SignUpConfirmedAsync();
        using var other = api.CreateClient(bystander.AccessToken);
        var kept = (await other.AddBookAsync()).GetProperty("id").GetString()!;
        var (user, session, key) = await RichAccountAsync();

        var before = await StoreScan.AllRowsAsync(api);
        var owned = StoreScan.OwnedValues(before, user.Id, user.Email);
        var ownedTables = before.Where(r => r.Values.Any(owned.Contains)).Select(r => r.Table).ToHashSet();
        ownedTables.Should().HaveCountGreaterThanOrEqualTo(api.StoreName == "mongo" ? 10 : 11,
            "the account holds rows in the user, library, cover, session, code, second-factor and outbox tables: {0}", string.Join(", ", ownedTables));

        using var client = api.CreateClient(session.AccessToken);
        var erased = await client.PostAsJsonAsync("/api/users/me/erase", new { password = user.Password, twoFactorCode = TestAuthenticator.Code(key, Now) });
        erased.StatusCode.Should().Be(HttpStatusCode.NoContent, await erased.Content.ReadAsStringAsync());

        var after = await StoreScan.AllRowsAsync(api);
        var leftovers = after.Where(r => r.Values.Any(owned.Contains)).ToList();
        leftovers.Should().ContainSingle("only the notice outlives the account: {0}", string.Join("; ", leftovers));
        leftovers[0].Table.Should().Be(api.StoreName == "mongo" ? "emailOutbox" : "email_outbox");
        leftovers[0].Values.Should().Contain([user.Id, "AccountErased", user.Email]);

        await api.DeliverMailAsync();
        var mail = await new PickupMailbox(api.DataPath).MessagesAsync(user.Email, NoticeSubject);
        mail.Should().ContainSingle();
        (await StoreScan.AllRowsAsync(api)).Where(r => r.Values.Any(owned.Contains)).Should().BeEmpty("a sent notice is deleted");

        (await other.GetAsync($"/api/books/{kept}/cover")).StatusCode.Should().Be(HttpStatusCode.OK, "another account's library is untouched");
        api.Logs.Events.Should().Contain(e => e.Str("EventName") == "AccountErased" && e.Str("UserId") == user.Id);
    }

    [Fact]
    public async Task Every_token_dies_sign_in_fails_and_the_address_can_register_again()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(session.AccessToken);

        (await client.PostAsJsonAsync("/api/users/me/erase", new { password = user.Password })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await api.RefreshAsync(session.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var again = await anonymous.PostAsJsonAsync("/api/auth/register", new { name = "Second Life", email = user.Email, password = user.Password });
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().Should().NotBe(user.Id);
    }

    [Fact]
    public async Task A_wrong_password_or_a_missing_second_factor_is_a_400_that_counts_toward_the_lockout_and_erases_nothing()
    {
        var (user, session, key) = await RichAccountAsync();
        using var client = api.CreateClient(session.AccessToken);

        var wrong = await (await client.PostAsJsonAsync("/api/users/me/erase", new { password = "not the password at all" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrong.ErrorFields().Should().Equal("password");
        var missing = await (await client.PostAsJsonAsync("/api/users/me/erase", new { password = user.Password })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        missing.ErrorFields().Should().Equal("twoFactorCode");
        var badCode = await (await client.PostAsJsonAsync("/api/users/me/erase", new { password = user.Password, twoFactorCode = "000000" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badCode.ErrorFields().Should().Equal("twoFactorCode");

        var failures = await api.Services.GetRequiredService<IUserRepository>().FindByIdAsync(UserId.From(user.Id), default);
        failures!.FailedLoginCount.Should().Be(3, "each refusal counted as a failed password check");
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.OK, "nothing was erased");
        (await client.PostAsJsonAsync("/api/users/me/erase", new { password = user.Password, twoFactorCode = TestAuthenticator.Code(key, Now) }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_last_active_administrator_gets_409_and_keeps_the_account_an_administrator_may_erase_others()
    {
        var admin = await AdminAsync();
        using var client = api.CreateClient(admin.AccessToken);
        var target = await api.SignUpAsync();
        (await client.DeleteAsync($"/api/admin/users/{target.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.MeStatusAsync(target.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync($"/api/admin/users/{target.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/admin/users/not-an-id")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var stranger = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await (await stranger.DeleteAsync($"/api/admin/users/{admin.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // Every other active administrator (earlier tests' too) erased by this one: it is the last.
        var others = (await api.Services.GetRequiredService<IUserRepository>().ListAsync(1, 100, null, default)).Items
            .Where(u => u.IsActiveAdmin && u.Id.Value != admin.Id).ToList();
        foreach (var other in others)
        {
            (await client.DeleteAsync($"/api/admin/users/{other.Id.Value}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await (await client.PostAsJsonAsync("/api/users/me/erase", new { password = admin.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.DeleteAsync($"/api/admin/users/{admin.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await api.MeStatusAsync(admin.AccessToken)).Should().Be(HttpStatusCode.OK, "the last administrator keeps the account");
    }

    [Fact]
    public async Task An_administrator_needs_a_recent_sign_in_to_erase_a_user()
    {
        var admin = await AdminAsync();
        var target = await api.SignUpAsync();
        Clock.Advance(TimeSpan.FromMinutes(6));
        var refreshed = await CleanAuth.Tests.Integration.Support.Session.FromAsync(await api.RefreshAsync((await api.SignInAsync(admin.Email, admin.Password)).RefreshToken));
        Clock.Advance(TimeSpan.FromMinutes(6));
        using var stale = api.CreateClient((await CleanAuth.Tests.Integration.Support.Session.FromAsync(await api.RefreshAsync(refreshed.RefreshToken))).AccessToken);

        var refused = await (await stale.DeleteAsync($"/api/admin/users/{target.Id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        refused.GetProperty("type").GetString().Should().Be("urn:cleanauth:problem:recent-sign-in-required");
        (await api.MeStatusAsync(target.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_marked_account_cannot_sign_in_and_the_sweep_completes_its_erasure()
    {
        var (user, session, _) = await RichAccountAsync();
        var owned = StoreScan.OwnedValues(await StoreScan.AllRowsAsync(api), user.Id, user.Email);

        // What a crash right after the first step leaves: the mark, and everything else.
        (await api.Services.GetRequiredService<IAccountErasure>().TryMarkAsync(UserId.From(user.Id), Clock.GetUtcNow(), default)).Should().Be(ErasureMark.Marked);
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await api.RefreshAsync(session.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var sweeper = api.Services.GetServices<IHostedService>().OfType<ErasureSweeper>().Single();
        (await sweeper.SweepOnceAsync(default)).Should().BeGreaterThanOrEqualTo(1);

        var leftovers = (await StoreScan.AllRowsAsync(api)).Where(r => r.Values.Any(owned.Contains)).ToList();
        leftovers.Should().ContainSingle().Which.Values.Should().Contain("AccountErased");
        api.Logs.Events.Should().Contain(e => e.Str("EventName") == "AccountErasureCompleted" && e.Str("UserId") == user.Id);
    }

    private long Now => TestAuthenticator.StepAt(Clock.GetUtcNow());

    // An account with something in every table: a library with covers and an author, two sessions, a live reset code,
    // mail waiting for its address and a second factor with recovery codes.
    private async Task<(TestUser User, CleanAuth.Tests.Integration.Support.Session Session, string Key)> RichAccountAsync()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        var key = (await (await client.PostAsync("/api/users/me/two-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        var enabled = await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = TestAuthenticator.Code(key, Now) });
        enabled.EnsureSuccessStatusCode();
        var session = CleanAuth.Tests.Integration.Support.Session.From(await enabled.Content.ReadFromJsonAsync<JsonElement>());
        using var signedIn = api.CreateClient(session.AccessToken);
        var author = (await signedIn.AddAuthorAsync()).GetProperty("id").GetString()!;
        await signedIn.AddBookAsync(authorId: author);
        await signedIn.AddBookAsync(cover: TestImages.Jpeg(120, 80));
        (await signedIn.PostAsJsonAsync("/api/auth/password/forgot", new { email = user.Email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        Clock.Advance(TimeSpan.FromSeconds(TestAuthenticator.Period));
        return (user, session, key);
    }

    private async Task<TestUser> AdminAsync()
    {
        var admin = await api.SignUpAsync();
        var users = api.Services.GetRequiredService<IUserRepository>();
        var stored = (await users.FindByIdAsync(UserId.From(admin.Id), default))!;
        stored.GrantRole(Role.Admin, Clock.GetUtcNow());
        await users.UpdateAsync(stored, default);
        return admin with { AccessToken = await api.LoginAsync(admin.Email, admin.Password) };
    }
}

public sealed class EmbeddedErasureApiTests(ClockedEmbeddedApiFixture fixture)
    : ErasureApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireErasureApiTests(ClockedMongoWireApiFixture fixture)
    : ErasureApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
