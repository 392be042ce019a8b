using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Email;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Issue 20 over HTTP on each store (ADR 0043, ADR 0044): a stranger can neither keep an account registered on someone
/// else's address past the owner's reset, nor spend the owner's code with wrong guesses, nor register a look-alike
/// or literal address.
/// </summary>
public abstract class AccountTakeoverTests
{
    private const string NewPassword = "the owner's own passphrase";

    protected abstract CleanAuthApi NewApi(Dictionary<string, string?>? settings = null);

    [Fact]
    public async Task Fifty_wrong_codes_from_other_clients_leave_the_owners_reset_code_working()
    {
        // The limits as shipped (10 per IP and window for the code routes), one window throughout, client IPs from X-Forwarded-For.
        await using var api = NewApi(new() { ["RateLimits:Enabled"] = "true", ["Api:TrustForwardedHeaders"] = "true" });
        var owner = await api.SignUpAsync();
        using var ownersClient = api.CreateClient();
        (await ownersClient.PostAsJsonAsync("/api/auth/password/forgot", new { email = owner.Email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var code = await new PickupMailbox(api.DataPath, api.DeliverMailAsync).ResetCodeAsync(owner.Email);

        for (var guess = 0; guess < 50; guess++)
        {
            using var stranger = api.CreateClient();
            stranger.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{guess % 10}");
            var wrong = await stranger.PostAsJsonAsync("/api/auth/password/reset", new { email = owner.Email, code = $"0000-0000-{guess:D4}", newPassword = "the stranger's passphrase" });
            wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest, "guess {0}: five per client IP stay under its limit", guess);
        }

        (await ownersClient.PostAsJsonAsync("/api/auth/password/reset", new { email = owner.Email, code, newPassword = NewPassword }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent, "nobody else's wrong guesses refuse the owner's code");
        (await api.SignInAsync(owner.Email, NewPassword)).AccessToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Two_factor_cannot_be_set_up_or_enabled_before_the_address_is_confirmed()
    {
        await using var api = NewApi();
        var user = await api.SignUpAsync();
        using var client = api.CreateClient(user.AccessToken);

        var setup = await client.PostAsync("/api/users/me/two-factor/setup", null);
        (await setup.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("type").GetString().Should().Be("urn:cleanauth:problem:email-not-confirmed");
        var enable = await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = "123456" });
        (await enable.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("type").GetString().Should().Be("urn:cleanauth:problem:email-not-confirmed");

        using var anonymous = api.CreateClient();
        var confirmation = await new PickupMailbox(api.DataPath, api.DeliverMailAsync).ConfirmationCodeAsync(user.Email);
        (await anonymous.PostAsJsonAsync("/api/auth/email/confirm", new { email = user.Email, code = confirmation })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsync("/api/users/me/two-factor/setup", null)).StatusCode.Should().Be(HttpStatusCode.OK, "the address is confirmed now");
    }

    [Fact]
    public async Task The_owners_reset_clears_the_second_factor_a_pre_registrant_set_on_an_address_never_confirmed()
    {
        await using var api = NewApi();
        var attacker = await api.SignUpAsync(name: "Your bank");
        await EnableTwoFactorInTheStoreAsync(api, UserId.From(attacker.Id)); // as an account from before the email work may have it
        using var anonymous = api.CreateClient();
        var before = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = attacker.Email, password = attacker.Password });
        (await before.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("type").GetString().Should().Be("urn:cleanauth:problem:two-factor-required");

        (await anonymous.PostAsJsonAsync("/api/auth/password/forgot", new { email = attacker.Email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var mailbox = new PickupMailbox(api.DataPath, api.DeliverMailAsync);
        var code = await mailbox.ResetCodeAsync(attacker.Email);
        (await anonymous.PostAsJsonAsync("/api/auth/password/reset", new { email = attacker.Email, code, newPassword = NewPassword })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var owner = await api.SignInAsync(attacker.Email, NewPassword);
        using var ownersClient = api.CreateClient(owner.AccessToken);
        var me = await ownersClient.GetFromJsonAsync<JsonElement>("/api/users/me");
        me.GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();
        me.GetProperty("emailConfirmed").GetBoolean().Should().BeTrue();
        me.GetProperty("name").GetString().Should().Be("Your bank", "the name stays, for the owner to keep or change");
        (await api.MeStatusAsync(attacker.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "the pre-registrant's session ended");
        api.Logs.Text.Should().Contain("PreRegistrationCleared");

        var resetMail = (await mailbox.MessagesAsync(attacker.Email, "Reset your password")).Single();
        resetMail.To.Mailboxes.Single().Name.Should().BeNullOrEmpty("the mail names no one until the address is confirmed");
        resetMail.TextBody.Should().StartWith("Hello,").And.NotContain("Your bank");
    }

    [Theory]
    [InlineData("user@[127.0.0.1]")]
    [InlineData("u3@ex\u0430mple.org")]
    [InlineData("=?utf-8?B?YWRtaW4=?=@example.org")]
    public async Task A_literal_a_look_alike_or_an_encoded_word_address_cannot_register(string email)
    {
        await using var api = NewApi();
        using var client = api.CreateClient();

        var register = await client.PostAsJsonAsync("/api/auth/register", new { name = "Someone", email, password = "correct horse battery staple" });

        (await register.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("email");
    }

    private static async Task EnableTwoFactorInTheStoreAsync(CleanAuthApi api, UserId userId)
    {
        var store = api.Services.GetRequiredService<ITwoFactorStore>();
        var secret = api.Services.GetRequiredService<ISecretProtector>().Protect(RandomNumberGenerator.GetBytes(20), userId.Value);
        (await store.TryBeginSetupAsync(userId, secret, default)).Should().BeTrue();
        (await store.TryEnableAsync(userId, secret, 1, ["RECOVERY-HASH"], DateTimeOffset.UtcNow, default)).Should().BeTrue();
    }
}

public sealed class EmbeddedAccountTakeoverTests : AccountTakeoverTests
{
    protected override CleanAuthApi NewApi(Dictionary<string, string?>? settings = null) =>
        CleanAuthApi.Embedded(settings, new FakeTimeProvider(DateTimeOffset.UtcNow));
}

public sealed class MongoWireAccountTakeoverTests(MongoWireServerFixture fixture) : AccountTakeoverTests, IClassFixture<MongoWireServerFixture>
{
    protected override CleanAuthApi NewApi(Dictionary<string, string?>? settings = null) =>
        CleanAuthApi.Mongo(fixture.Server.ConnectionString($"takeover_{Guid.NewGuid():N}"), settings, new FakeTimeProvider(DateTimeOffset.UtcNow));
}
