using System.Net;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Every way an access token can be wrong gets the same 401; only a correct one gets through.</summary>
public sealed class TokenValidationTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CleanAuthApi _api = fixture.Api;

    [Fact]
    public async Task A_correctly_minted_token_is_accepted()
    {
        // Guards the other tests: a token built here the way the API builds it must pass, so their 401s are about the one thing they change.
        var user = await _api.SignUpAsync();
        var stamp = ReadClaim(user.AccessToken, "sst");

        (await GetMeAsync(Mint(user.Id, stamp))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> WrongTokens => new()
    {
        "signed with another key",
        "wrong issuer",
        "wrong audience",
        "expired beyond the clock skew",
        "not yet valid",
        "without an expiry",
        "HS512 instead of HS256",
        "not an access token type",
        "tampered payload",
        "alg none",
        "garbage",
    };

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task A_wrong_token_answers_401(string wrong)
    {
        var user = await _api.SignUpAsync();
        var stamp = ReadClaim(user.AccessToken, "sst");
        var now = DateTime.UtcNow;
        var token = wrong switch
        {
            "signed with another key" => Mint(user.Id, stamp, key: [.. Enumerable.Repeat((byte)1, 64)]),
            "wrong issuer" => Mint(user.Id, stamp, issuer: "someone-else"),
            "wrong audience" => Mint(user.Id, stamp, audience: "another-api"),
            "expired beyond the clock skew" => Mint(user.Id, stamp, notBefore: now.AddMinutes(-20), expires: now.AddSeconds(-31)),
            "not yet valid" => Mint(user.Id, stamp, notBefore: now.AddMinutes(5), expires: now.AddMinutes(20)),
            "without an expiry" => Mint(user.Id, stamp, withoutExpiry: true),
            "HS512 instead of HS256" => Mint(user.Id, stamp, algorithm: SecurityAlgorithms.HmacSha512),
            "not an access token type" => Mint(user.Id, stamp, type: "JWT"),
            "tampered payload" => Tamper(user.AccessToken),
            "alg none" => Unsigned(user.Id, stamp),
            _ => "not-a-token",
        };

        var response = await GetMeAsync(token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_of_an_unknown_user_answers_401()
    {
        (await GetMeAsync(Mint("0123456789abcdef01234567", "ANYSTAMP"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_with_a_stale_security_stamp_answers_401()
    {
        var user = await _api.SignUpAsync();

        (await GetMeAsync(Mint(user.Id, "OLD-STAMP"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_in_a_custom_header_or_the_query_string_is_not_accepted()
    {
        var user = await _api.SignUpAsync();
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("x-access-token", user.AccessToken);

        (await client.GetAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/users/me?access_token=" + user.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        using var client = _api.CreateClient(token);
        return await client.GetAsync("/api/users/me");
    }

    private static string Mint(
        string userId,
        string stamp,
        byte[]? key = null,
        string issuer = CleanAuthApi.Issuer,
        string audience = CleanAuthApi.Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        bool withoutExpiry = false,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string type = "at+jwt")
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            TokenType = type,
            IssuedAt = notBefore ?? now,
            NotBefore = notBefore ?? now,
            Expires = withoutExpiry ? null : expires ?? now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["jti"] = Guid.NewGuid().ToString("N"), ["sst"] = stamp },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? CleanAuthApi.SigningKey), algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string Unsigned(string userId, string stamp)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"at+jwt"}""");
        var payload = Base64Url($$"""{"sub":"{{userId}}","sst":"{{stamp}}","iss":"{{CleanAuthApi.Issuer}}","aud":"{{CleanAuthApi.Audience}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var changed = payload.ToDictionary(p => p.Key, p => p.Key == "sub" ? (object)"0123456789abcdef01234567" : p.Value);
        return $"{parts[0]}.{Base64Url(JsonSerializer.Serialize(changed))}.{parts[2]}";
    }

    private static string ReadClaim(string token, string claim) =>
        new JsonWebToken(token).GetClaim(claim).Value;

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
