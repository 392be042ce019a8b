using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Tests.Email;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Email confirmation and password reset over HTTP on each store (ADR 0040), with the real outbox and background
/// sender: the codes are read from the .eml files the API delivered to its pickup folder. The API runs on a fake clock,
/// so its sender's schedule stands still: the mailbox runs a round of it before it looks (ADR 0042).
/// </summary>
public abstract class AccountEmailApiTests(CleanAuthApi api)
{
    private const string NewPassword = "a passphrase from the reset";
    private readonly PickupMailbox _mailbox = new(api.DataPath, api.DeliverMailAsync);

    private Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => api.Clock!;

    [Fact]
    public async Task Registering_mails_a_code_that_confirms_the_address_once()
    {
        var user = await api.SignUpAsync(name: "Ann <b>Lee</b>");
        (await MeAsync(user.AccessToken)).GetProperty("emailConfirmed").GetBoolean().Should().BeFalse();
        var code = await _mailbox.ConfirmationCodeAsync(user.Email);
        var mail = (await _mailbox.MessagesAsync(user.Email, "Confirm your email address")).Single();
        mail.HtmlBody.Should().Contain("<p>Hello,</p>").And.NotContain("Lee", "the name is a stranger's words until the address is confirmed (ADR 0043)");
        mail.To.Mailboxes.Single().Name.Should().BeNullOrEmpty();
        mail.TextBody.Should().Contain(Uri.EscapeDataString(code));

        (await PostAsync("/api/auth/email/confirm", new { email = user.Email.ToUpperInvariant(), code = code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await MeAsync(user.AccessToken)).GetProperty("emailConfirmed").GetBoolean().Should().BeTrue();
        await RefusedAsync(await PostAsync("/api/auth/email/confirm", new { email = user.Email, code }));
        api.Logs.Text.Should().NotContain(code).And.NotContain(code.Replace("-", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_bad_code_gets_one_and_the_same_problem_and_none_a_500()
    {
        var alice = await api.SignUpAsync();
        var bob = await api.SignUpAsync();
        var alicesConfirmation = await _mailbox.ConfirmationCodeAsync(alice.Email);
        var bobsConfirmation = await _mailbox.ConfirmationCodeAsync(bob.Email);
        (await PostAsync("/api/auth/password/forgot", new { email = alice.Email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var alicesReset = await _mailbox.ResetCodeAsync(alice.Email);

        var expected = await RefusedAsync(await PostAsync("/api/auth/email/confirm", new { email = alice.Email, code = "0000-0000-0000" }));
        foreach (var (route, body) in new (string, object)[]
        {
            ("/api/auth/email/confirm", new { email = "nobody-" + alice.Email, code = alicesConfirmation }),
            ("/api/auth/email/confirm", new { email = alice.Email, code = bobsConfirmation }),
            ("/api/auth/email/confirm", new { email = alice.Email, code = alicesReset }),
            ("/api/auth/password/reset", new { email = alice.Email, code = alicesConfirmation, newPassword = NewPassword }),
            ("/api/auth/password/reset", new { email = bob.Email, code = alicesReset, newPassword = NewPassword }),
            ("/api/auth/password/reset", new { email = "nobody-" + alice.Email, code = alicesReset, newPassword = NewPassword }),
        })
        {
            var problem = await RefusedAsync(await PostAsync(route, body));
            problem.GetProperty("errors").GetRawText().Should().Be(expected.GetProperty("errors").GetRawText(), route);
            problem.GetProperty("type").GetString().Should().Be(expected.GetProperty("type").GetString());
        }

        // Wrong tries never kill a code (ADR 0043): both still work.
        (await PostAsync("/api/auth/email/confirm", new { email = alice.Email, code = alicesConfirmation })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await PostAsync("/api/auth/password/reset", new { email = alice.Email, code = alicesReset, newPassword = NewPassword })).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("""{"email":{"$gt":""},"code":"0000-0000-0000","newPassword":"a long new passphrase"}""", true)]
    [InlineData("""{"email":"a@example.com","code":{"$gt":""},"newPassword":"a long new passphrase"}""", false)]
    [InlineData("""{"email":"a@example.com","code":["0000-0000-0000"],"newPassword":"a long new passphrase"}""", false)]
    public async Task Operator_objects_are_a_400(string json, bool inEmail)
    {
        using var client = api.CreateClient();
        string[] withCode = ["/api/auth/email/confirm", "/api/auth/password/reset"];
        foreach (var route in inEmail ? [.. withCode, "/api/auth/email/resend", "/api/auth/password/forgot"] : withCode)
        {
            var response = await client.PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"));
            (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText().Should().NotContain("$gt");
        }
    }

    [Fact]
    public async Task The_email_flows_log_their_security_events_with_context_and_never_a_code_or_an_address()
    {
        var user = await api.SignUpAsync();
        var confirmation = await _mailbox.ConfirmationCodeAsync(user.Email);
        await PostAsync("/api/auth/email/confirm", new { email = user.Email, code = "0000-0000-0000" });
        await PostAsync("/api/auth/email/confirm", new { email = user.Email, code = confirmation });
        await PostAsync("/api/auth/password/forgot", new { email = user.Email });
        var reset = await _mailbox.ResetCodeAsync(user.Email);
        await PostAsync("/api/auth/password/reset", new { email = user.Email, code = reset, newPassword = NewPassword });
        var stranger = $"stranger-{Guid.NewGuid():N}@example.com";
        await PostAsync("/api/auth/password/forgot", new { email = stranger });

        var tag = api.Services.GetRequiredService<IAddressTagger>().Tag(stranger);
        var events = api.Logs.Events.Where(e => e.Str("UserId") == user.Id || e.Str("AddressTag") == tag).ToList();
        string?[] expected = ["EmailConfirmationSent", "EmailConfirmationFailed", "EmailConfirmed", "PasswordResetRequested", "PasswordReset"];
        events.Select(e => e.Str("EventName")).Should().ContainInOrder(expected);
        events.Single(e => e.Str("EventName") == "EmailConfirmationFailed" && e.Str("UserId") == user.Id).Str("Reason").Should().Be("WrongCode");
        var unknown = events.Single(e => e.Str("EventName") == "PasswordResetFailed" && e.Str("AddressTag") == tag);
        unknown.Str("Reason").Should().Be("UnknownEmail");
        unknown.Str("UserId").Should().BeNull();
        events.Should().OnlyContain(e => e.Str("TraceId") != null);
        api.Logs.Text.Should().NotContain(confirmation).And.NotContain(reset).And.NotContain(stranger).And.NotContain(NewPassword);
    }

    [Fact]
    public async Task A_ten_kilobyte_code_is_a_400_on_the_code_field()
    {
        var problem = await (await PostAsync("/api/auth/email/confirm", new { email = "a@example.com", code = new string('A', 10 * 1024) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().Should().Equal("code");
    }

    [Fact]
    public async Task A_reset_code_expires_after_fifteen_minutes()
    {
        var user = await api.SignUpAsync();
        await PostAsync("/api/auth/password/forgot", new { email = user.Email });
        var code = await _mailbox.ResetCodeAsync(user.Email);

        Clock.Advance(TimeSpan.FromMinutes(15));

        await RefusedAsync(await PostAsync("/api/auth/password/reset", new { email = user.Email, code, newPassword = NewPassword }));
    }

    [Fact]
    public async Task A_reset_ends_every_session_and_access_token_and_the_old_password()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        await PostAsync("/api/auth/password/forgot", new { email = user.Email });
        var code = await _mailbox.ResetCodeAsync(user.Email);

        (await PostAsync("/api/auth/password/reset", new { email = user.Email, code, newPassword = "password" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "register's password rules apply");
        (await PostAsync("/api/auth/password/reset", new { email = user.Email, code, newPassword = NewPassword })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await api.RefreshAsync(session.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PostAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var fresh = await api.SignInAsync(user.Email, NewPassword);
        (await MeAsync(fresh.AccessToken)).GetProperty("emailConfirmed").GetBoolean().Should().BeTrue("the reset code proved the address");
    }

    [Fact]
    public async Task Of_concurrent_resets_with_one_code_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var user = await api.SignUpAsync();
            await PostAsync("/api/auth/password/forgot", new { email = user.Email });
            var code = await _mailbox.ResetCodeAsync(user.Email);

            using var gate = new SemaphoreSlim(0);
            var resets = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await PostAsync("/api/auth/password/reset", new { email = user.Email, code, newPassword = $"{NewPassword} {i}" });
            })).ToList();
            gate.Release(resets.Count);
            var responses = await Task.WhenAll(resets);

            responses.Count(r => r.StatusCode == HttpStatusCode.NoContent).Should().Be(1, "round {0}", round);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
            {
                await RefusedAsync(refused);
            }
        }
    }

    [Fact]
    public async Task A_disabled_account_gets_a_202_and_no_mail_and_cannot_reset()
    {
        var user = await api.SignUpAsync();
        await PostAsync("/api/auth/password/forgot", new { email = user.Email });
        var code = await _mailbox.ResetCodeAsync(user.Email);
        using (var client = api.CreateClient(user.AccessToken))
        {
            (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await PostAsync("/api/auth/password/forgot", new { email = user.Email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await RefusedAsync(await PostAsync("/api/auth/password/reset", new { email = user.Email, code, newPassword = NewPassword }));
        // One delivery pass sends every entry that is due, and a new one is due at once: with the outbox empty after it,
        // no mail is still on its way (no waiting to see whether one comes).
        await api.DeliverMailAsync();
        (await api.UndeliveredMailAsync()).Should().Be(0);
        (await _mailbox.MessagesAsync(user.Email, "Reset your password")).Should().HaveCount(1, "no mail after the account was disabled");
    }

    [Fact]
    public async Task The_202s_are_the_same_whether_or_not_the_address_has_an_account()
    {
        var user = await api.SignUpAsync();
        (await PostAsync("/api/auth/email/confirm", new { email = user.Email, code = await _mailbox.ConfirmationCodeAsync(user.Email) }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        var unconfirmed = await api.SignUpAsync();
        var bodies = new List<string>();
        foreach (var (route, email) in new[]
        {
            ("/api/auth/email/resend", unconfirmed.Email), ("/api/auth/email/resend", user.Email), ("/api/auth/email/resend", "nobody@example.com"),
            ("/api/auth/password/forgot", user.Email), ("/api/auth/password/forgot", "nobody@example.com"),
        })
        {
            var response = await PostAsync(route, new { email });
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            bodies.Add($"{response.Content.Headers.ContentLength}|{response.Content.Headers.ContentType}|{await response.Content.ReadAsStringAsync()}|{response.Headers.Location}");
        }

        // That both paths do the same store work is a unit test's (AccountCodeHandlerTests); how long each takes is
        // measured by bench/mail-footprint.sh, not asserted here (ADR 0059).
        bodies.Should().AllBe(bodies[0]);
    }

    private async Task<HttpResponseMessage> PostAsync(string route, object body)
    {
        using var client = api.CreateClient();
        return await client.PostAsJsonAsync(route, body);
    }

    private async Task<JsonElement> MeAsync(string accessToken)
    {
        using var client = api.CreateClient(accessToken);
        return await client.GetFromJsonAsync<JsonElement>("/api/users/me");
    }

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Equal("code");
        problem.GetProperty("errors").GetProperty("code")[0].GetString().Should().Be("The code is wrong, expired or already used. Ask for a new one.");
        return problem;
    }
}

public sealed class EmbeddedAccountEmailApiTests(ClockedEmbeddedApiFixture fixture)
    : AccountEmailApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireAccountEmailApiTests(ClockedMongoWireApiFixture fixture)
    : AccountEmailApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
