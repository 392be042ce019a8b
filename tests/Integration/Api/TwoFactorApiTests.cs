using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Issue 15 over HTTP on each store, with codes computed by the test from the returned key and a fake clock moved
/// across time-step boundaries: setup, enable, login with a code, replay, drift, recovery codes, regenerate, disable.
/// </summary>
public abstract class TwoFactorApiTests(CleanAuthApi api)
{
    public const string TwoFactorRequired = "urn:cleanauth:problem:two-factor-required";

    private FakeTimeProvider Clock => api.Clock!;

    private long Now => TestAuthenticator.StepAt(Clock.GetUtcNow());

    [Fact]
    public void The_test_authenticator_agrees_with_RFC_6238s_test_vector()
    {
        // RFC 6238 appendix B: SHA-1 key "12345678901234567890", T = 59 s → 94287082 (8 digits), so 287082 in 6.
        TestAuthenticator.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", TestAuthenticator.StepAt(DateTimeOffset.FromUnixTimeSeconds(59))).Should().Be("287082");
    }

    [Fact]
    public async Task The_whole_flow_setup_enable_login_replay_drift_recovery_regenerate_disable()
    {
        NextStepStart();
        var user = await api.SignUpConfirmedAsync();
        using var first = api.CreateClient(user.AccessToken);
        (await MeAsync(user.AccessToken)).GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();

        // A new setup replaces an unfinished one: the first key's code no longer enables.
        var abandoned = await SetupAsync(first);
        var key = await SetupAsync(first);
        key.Should().NotBe(abandoned);
        (await first.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = TestAuthenticator.Code(abandoned, Now) }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var enabled = await first.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = TestAuthenticator.Code(key, Now) });
        var body = await BodyAsync(enabled, HttpStatusCode.OK);
        var recovery = body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        recovery.Should().HaveCount(10).And.OnlyHaveUniqueItems().And.OnlyContain(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[0-9A-Z]{5}-[0-9A-Z]{5}$"));
        enabled.Headers.CacheControl!.NoStore.Should().BeTrue();
        var session = Session.From(body);
        (await api.MeStatusAsync(user.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "enabling ends every other session");
        (await MeAsync(session.AccessToken)).GetProperty("twoFactorEnabled").GetBoolean().Should().BeTrue();

        // The password alone is no longer enough; the code that enabled is spent (its step was accepted).
        (await ProblemTypeAsync(await LoginAsync(user))).Should().Be(TwoFactorRequired);
        (await ProblemTypeAsync(await LoginAsync(user, code: TestAuthenticator.Code(key, Now)))).Should().Be(TwoFactorRequired);

        Clock.Advance(TimeSpan.FromSeconds(30));
        var code = TestAuthenticator.Code(key, Now);
        (await LoginAsync(user, code: code)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ProblemTypeAsync(await LoginAsync(user, code: code))).Should().Be(TwoFactorRequired, "a code seen once is refused inside its window");

        // One step of drift each way is accepted, two are not; a step earlier than an accepted one never is.
        Clock.Advance(TimeSpan.FromSeconds(10 * 30));
        (await ProblemTypeAsync(await LoginAsync(user, code: TestAuthenticator.Code(key, Now - 2)))).Should().Be(TwoFactorRequired);
        (await ProblemTypeAsync(await LoginAsync(user, code: TestAuthenticator.Code(key, Now + 2)))).Should().Be(TwoFactorRequired);
        (await LoginAsync(user, code: TestAuthenticator.Code(key, Now - 1))).StatusCode.Should().Be(HttpStatusCode.OK);
        Clock.Advance(TimeSpan.FromSeconds(10 * 30));
        (await LoginAsync(user, code: TestAuthenticator.Code(key, Now + 1))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ProblemTypeAsync(await LoginAsync(user, code: TestAuthenticator.Code(key, Now)))).Should().Be(TwoFactorRequired, "step now is before the accepted now+1");

        // A recovery code works once, typed in any case, with or without its dash.
        (await LoginAsync(user, recoveryCode: recovery[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ProblemTypeAsync(await LoginAsync(user, recoveryCode: recovery[0]))).Should().Be(TwoFactorRequired);
        (await LoginAsync(user, recoveryCode: recovery[1].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())).StatusCode.Should().Be(HttpStatusCode.OK);

        // Regenerating needs the password, kills the old codes and ends no session.
        using var second = api.CreateClient(session.AccessToken);
        (await second.PostAsJsonAsync("/api/users/me/two-factor/recovery-codes", new { password = "not the password" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var regenerated = await BodyAsync(await second.PostAsJsonAsync("/api/users/me/two-factor/recovery-codes", new { password = user.Password }), HttpStatusCode.OK);
        var fresh = regenerated.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        fresh.Should().HaveCount(10).And.NotIntersectWith(recovery);
        (await ProblemTypeAsync(await LoginAsync(user, recoveryCode: recovery[2]))).Should().Be(TwoFactorRequired);
        (await LoginAsync(user, recoveryCode: fresh[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.OK);

        // Disabling needs the password, ends every other session and hands the caller a fresh pair.
        (await second.PostAsJsonAsync("/api/users/me/two-factor/disable", new { password = "not the password" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var disabled = Session.From(await BodyAsync(await second.PostAsJsonAsync("/api/users/me/two-factor/disable", new { password = user.Password }), HttpStatusCode.OK));
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await MeAsync(disabled.AccessToken)).GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();
        (await LoginAsync(user)).StatusCode.Should().Be(HttpStatusCode.OK);
        api.Logs.Events.Select(e => e.TryGetProperty("EventName", out var n) ? n.GetString() : null).Should()
            .Contain(["TwoFactorEnabled", "TwoFactorFailed", "RecoveryCodeUsed", "RecoveryCodesRegenerated", "TwoFactorDisabled"]);
        api.Logs.Text.Should().NotContain(key).And.NotContain(recovery[0]).And.NotContain(fresh[0]);
    }

    [Fact]
    public async Task Form_logins_carry_the_code_too()
    {
        NextStepStart();
        var (user, key, _) = await EnabledUserAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        using var client = api.CreateClient();

        var login = await client.PostAsync("/api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = user.Email,
            ["password"] = user.Password,
            ["twoFactorCode"] = TestAuthenticator.Code(key, Now),
        }));

        login.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Missing_and_wrong_codes_count_toward_the_lockout_like_wrong_passwords()
    {
        NextStepStart();
        var (user, key, _) = await EnabledUserAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            (await ProblemTypeAsync(await LoginAsync(user, code: i % 2 == 0 ? null : "000000"))).Should().Be(TwoFactorRequired);
        }

        var locked = await (await LoginAsync(user, code: TestAuthenticator.Code(key, Now))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        locked.GetProperty("type").GetString().Should().NotBe(TwoFactorRequired, "a locked account is refused before anything is weighed");
    }

    [Fact]
    public async Task A_wrong_password_with_a_right_code_is_the_plain_401_and_does_not_spend_the_code()
    {
        NextStepStart();
        var (user, key, _) = await EnabledUserAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        var code = TestAuthenticator.Code(key, Now);

        var wrong = await (await LoginAsync(user with { Password = "not the password" }, code: code)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        wrong.GetProperty("type").GetString().Should().NotBe(TwoFactorRequired, "the second factor is only weighed after the password matched");
        (await LoginAsync(user, code: code)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> MalformedCodes() => ["", "12345", "1234567", "12a456", "12 456", "١٢٣٤٥٦", "{\"$ne\":null}", new string('1', 10_000)];

    [Theory]
    [MemberData(nameof(MalformedCodes))]
    public async Task Malformed_codes_are_400s_before_anything_is_weighed(string code)
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        await SetupAsync(client);

        var enable = await (await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var login = await (await LoginAsync(user, code: code)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var recovery = await (await LoginAsync(user, recoveryCode: code.Length > 0 ? code : "x")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        enable.GetProperty("errors").TryGetProperty("code", out _).Should().BeTrue();
        login.GetProperty("errors").TryGetProperty("twoFactorCode", out _).Should().BeTrue();
        recovery.GetProperty("errors").TryGetProperty("recoveryCode", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Both_a_code_and_a_recovery_code_is_a_400()
    {
        var user = await api.SignUpConfirmedAsync();

        var problem = await (await LoginAsync(user, code: "123456", recoveryCode: "7K3QD-M9XWP")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("recoveryCode", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Enabling_without_a_setup_or_twice_and_disabling_or_regenerating_when_off_are_409s()
    {
        NextStepStart();
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        await (await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = "123456" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/users/me/two-factor/disable", new { password = user.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/users/me/two-factor/recovery-codes", new { password = user.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var (enabledUser, key, session) = await EnabledUserAsync();
        using var enabled = api.CreateClient(session.AccessToken);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await (await enabled.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = TestAuthenticator.Code(key, Now) })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await enabled.PostAsync("/api/users/me/two-factor/setup", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await LoginAsync(enabledUser, code: TestAuthenticator.Code(key, Now))).StatusCode.Should().Be(HttpStatusCode.OK, "a refused enable spends no step");
    }

    [Fact]
    public async Task The_authenticator_uri_follows_the_Key_Uri_Format()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);

        var setup = await BodyAsync(await client.PostAsync("/api/users/me/two-factor/setup", null), HttpStatusCode.OK);

        var key = setup.GetProperty("sharedKey").GetString()!;
        var uri = new Uri(setup.GetProperty("authenticatorUri").GetString()!);
        uri.Scheme.Should().Be("otpauth");
        uri.Host.Should().Be("totp");
        Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')).Should().Be($"CleanAuth:{user.Email}");
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        query["secret"].Should().Be(key).And.MatchRegex("^[A-Z2-7]+$", "base32 without padding");
        TestAuthenticator.Base32(query["secret"]!).Should().HaveCount(20, "160 bits, as RFC 4226 recommends");
        query["issuer"].Should().Be("CleanAuth");
        query["algorithm"].Should().Be("SHA1");
        query["digits"].Should().Be("6");
        query["period"].Should().Be("30");
        var svg = setup.GetProperty("qrCodeSvg").GetString()!;
        svg.Should().Contain("<svg").And.Contain("</svg>");
        System.Xml.Linq.XDocument.Parse(svg[svg.IndexOf("<svg", StringComparison.Ordinal)..]).Root!.Name.LocalName.Should().Be("svg");
    }

    private void NextStepStart()
    {
        var now = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromSeconds(TestAuthenticator.Period - (now.ToUnixTimeSeconds() % TestAuthenticator.Period)) + TimeSpan.FromSeconds(1));
    }

    private async Task<(TestUser User, string Key, Session Session)> EnabledUserAsync()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        var key = await SetupAsync(client);
        var body = await BodyAsync(await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = TestAuthenticator.Code(key, Now) }), HttpStatusCode.OK);
        return (user, key, Session.From(body));
    }

    private static async Task<string> SetupAsync(HttpClient client) =>
        (await BodyAsync(await client.PostAsync("/api/users/me/two-factor/setup", null), HttpStatusCode.OK)).GetProperty("sharedKey").GetString()!;

    private async Task<HttpResponseMessage> LoginAsync(TestUser user, string? code = null, string? recoveryCode = null)
    {
        using var client = api.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password, twoFactorCode = code, recoveryCode });
    }

    private async Task<JsonElement> MeAsync(string accessToken)
    {
        using var client = api.CreateClient(accessToken);
        return await BodyAsync(await client.GetAsync("/api/users/me"), HttpStatusCode.OK);
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response) =>
        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("type").GetString();

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class EmbeddedTwoFactorApiTests(ClockedEmbeddedApiFixture fixture)
    : TwoFactorApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireTwoFactorApiTests(ClockedMongoWireApiFixture fixture)
    : TwoFactorApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
