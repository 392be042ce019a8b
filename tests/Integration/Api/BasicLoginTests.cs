using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The login of the older API's clients: email and password as <c>Authorization: Basic</c> (RFC 7617, UTF-8), a
/// third way to send what a JSON or form login sends, with the same answers, lockout and limits, and never a
/// Basic challenge (a browser would prompt).
/// </summary>
public sealed class BasicLoginTests(ClockedEmbeddedApiFixture fixture) : IClassFixture<ClockedEmbeddedApiFixture>
{
    private readonly CleanAuthApi _api = fixture.Api;

    [Fact]
    public async Task Basic_credentials_sign_in_as_a_json_login_does_in_any_case_of_the_scheme_and_with_utf8()
    {
        // Outside Latin-1 on purpose: RFC 7617's charset="UTF-8", which a Latin-1 reading would break.
        var user = await _api.SignUpAsync(password: "pässwörd ünïcode ✓ 密码");

        foreach (var scheme in new[] { "Basic", "basic", "BASIC" })
        {
            var response = await LoginAsync(Header(scheme, $"{user.Email.ToUpperInvariant()}:{user.Password}"));

            var session = await Session.FromAsync(response);
            (await _api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.OK);
            response.Headers.WwwAuthenticate.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_wrong_password_gets_the_json_logins_401_word_for_word_and_no_basic_challenge()
    {
        var user = await _api.SignUpAsync();

        var basic = await LoginAsync(Header("Basic", $"{user.Email}:not the password"));
        var json = await JsonLoginAsync(user.Email, "not the password");
        var unknown = await LoginAsync(Header("Basic", $"nobody-{Guid.NewGuid():N}@example.com:whatever it is"));

        var problem = await basic.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var other in new[] { json, unknown })
        {
            (await other.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()
                .Should().Be(problem.GetProperty("detail").GetString());
        }

        basic.Headers.WwwAuthenticate.Should().BeEmpty("a Basic challenge would make a browser prompt for a password");
        unknown.Headers.WwwAuthenticate.Should().BeEmpty();
    }

    [Fact]
    public async Task Basic_guesses_count_toward_the_same_lockout_as_json_ones()
    {
        var user = await _api.SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            var guess = i % 2 == 0 ? await LoginAsync(Header("Basic", $"{user.Email}:wrong guess {i}"))
                : await JsonLoginAsync(user.Email, $"wrong guess {i}");
            guess.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        // Five failures, by either way, locked the account: the right password is refused by both.
        (await LoginAsync(Header("Basic", $"{user.Email}:{user.Password}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await JsonLoginAsync(user.Email, user.Password)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        _api.Clock!.Advance(TimeSpan.FromMinutes(6));
        (await LoginAsync(Header("Basic", $"{user.Email}:{user.Password}"))).StatusCode.Should().Be(HttpStatusCode.OK, "the lock ends as for any login");
    }

    [Fact]
    public async Task An_account_with_a_second_factor_answers_two_factor_required_as_a_json_login_without_a_code()
    {
        var user = await _api.SignUpConfirmedAsync();
        using (var client = _api.CreateClient(user.AccessToken))
        {
            var setup = await client.PostAsync("/api/users/me/two-factor/setup", null);
            var key = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
            var code = TestAuthenticator.Code(key, TestAuthenticator.StepAt(_api.Clock!.GetUtcNow()));
            (await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var basic = await (await LoginAsync(Header("Basic", $"{user.Email}:{user.Password}"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var json = await (await JsonLoginAsync(user.Email, user.Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        basic.GetProperty("type").GetString().Should().Be(TwoFactorApiTests.TwoFactorRequired);
        basic.GetProperty("detail").GetString().Should().Be(json.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string[]> MalformedHeaders => new()
    {
        { "no credentials", ["Basic"] },
        { "not base64", ["Basic !!not*base64!!"] },
        { "base64 with no colon", ["Basic " + Convert.ToBase64String("ann@example.com"u8.ToArray())] },
        { "not UTF-8", ["Basic " + Convert.ToBase64String([0x61, 0xC3, 0x28, 0x3A, 0xFF, 0xFE])] },
        { "two tokens", ["Basic YTpi YTpi"] },
        { "two Basic headers", ["Basic YTpi", "Basic YTpi"] },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task A_malformed_basic_header_is_a_400_problem_naming_the_header(string why, string[] values)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login");
        request.Headers.TryAddWithoutValidation("Authorization", values).Should().BeTrue(why);

        var problem = await (await SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("Authorization")[0].GetString().Should().Contain("RFC 7617", why);
    }

    [Fact]
    public async Task A_basic_header_and_a_body_together_are_a_400_whatever_the_body()
    {
        var user = await _api.SignUpAsync();
        var bodies = new HttpContent[]
        {
            JsonContent.Create(new { email = user.Email, password = user.Password }),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = user.Email, ["password"] = user.Password }),
        };

        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = body };
            request.Headers.Authorization = Header("Basic", $"{user.Email}:{user.Password}");

            var problem = await (await SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

            problem.GetProperty("errors").GetProperty("Authorization")[0].GetString().Should().Contain("not both");
        }
    }

    [Fact]
    public async Task Neither_the_header_nor_the_password_reaches_the_log()
    {
        var password = $"secret-{Guid.NewGuid():N}";
        var user = await _api.SignUpAsync(password: password);
        var header = Header("Basic", $"{user.Email}:{password}");

        (await LoginAsync(header)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LoginAsync(Header("Basic", $"{user.Email}:{password}-wrong"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await _api.Logs.WaitForAsync(e => e.TryGetProperty("EventName", out var name) && name.GetString() == "LoginFailed"
            && e.TryGetProperty("UserId", out var id) && id.GetString() == user.Id);

        var logged = string.Join('\n', _api.Logs.Events.Select(e => e.GetRawText()));
        logged.Should().Contain(user.Id, "the logins were logged").And.NotContain(header.Parameter!).And.NotContain(password);
    }

    [Fact]
    public async Task Basic_logins_share_the_login_rate_limit_with_json_ones()
    {
        await using var api = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Login"] = "3" }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var client = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login");
            request.Headers.Authorization = Header("Basic", "nobody@example.com:whatever it is");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "whatever it is" });

        statuses.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized, "each was weighed as a login");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    private static AuthenticationHeaderValue Header(string scheme, string credentials) =>
        new(scheme, Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

    private async Task<HttpResponseMessage> JsonLoginAsync(string email, string password)
    {
        using var client = _api.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/login", new { email, password });
    }

    private async Task<HttpResponseMessage> LoginAsync(AuthenticationHeaderValue header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login");
        request.Headers.Authorization = header;
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = _api.CreateClient();
        return await client.SendAsync(request);
    }
}
