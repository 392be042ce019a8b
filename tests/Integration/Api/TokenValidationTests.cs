using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Every way an access token can be wrong gets the same 401; only a correct one gets through.</summary>
public sealed class TokenValidationTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private const string RefreshRefused = "The refresh token is invalid or expired.";

    private readonly CleanAuthApi _api = fixture.Api;

    [Fact]
    public async Task A_correctly_minted_token_is_accepted()
    {
        // Counters the other tests: a token built here the way the API builds it must pass, so their 401s are
        // about the one thing they change. Both builders are checked: the library's and the hand-made one.
        var user = await _api.SignUpAsync();
        var stamp = ReadClaim(user.AccessToken, "sst");

        (await GetMeAsync(Mint(user.Id, stamp))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetMeAsync(HandMade("""{"alg":"HS256","typ":"at+jwt"}""", user.Id, stamp, Hmac(CleanAuthApi.SigningKey)))).StatusCode
            .Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> WrongTokens => new()
    {
        "no token",
        "garbage",
        "alg none",
        "alg NONE in upper case",
        "signed with another key",
        "HS512 instead of HS256",
        "alg hs256 in lower case, signed with the right key",
        "alg RS256, signed with an RSA key",
        "alg RS256 over an HMAC signature made with the right key",
        "HS256 signed with the attacker's key, embedded as a jwk header",
        "HS256 signed with the attacker's key, named by a jku header",
        "HS256 with a kid of ../../dev/null, signed with an empty key",
        "RS256 signed with the attacker's certificate, embedded as an x5c header",
        "a JWE around an unsigned token, encrypted (dir) with the signing key",
        "wrong issuer",
        "wrong audience",
        "expired beyond the clock skew",
        "not yet valid",
        "without an expiry",
        "not an access token type",
        "tampered payload",
        "deleted user (the API deletes no user: an id that does not exist)",
        "disabled user",
        "minted before a password change",
        "stale security stamp",
        "a refresh token as the bearer token",
        "an access token sent to POST /api/auth/refresh",
        "a disabled user's refresh token sent to POST /api/auth/refresh",
    };

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task A_wrong_token_answers_401(string wrong)
    {
        var user = await _api.SignUpAsync();
        var stamp = ReadClaim(user.AccessToken, "sst");
        var now = DateTime.UtcNow;
        using var rsa = RSA.Create(2048);
        byte[] attackerKey = [.. Enumerable.Repeat((byte)1, 64)];
        var token = wrong switch
        {
            "no token" => null,
            "garbage" => "not-a-token",
            "alg none" => HandMade("""{"alg":"none","typ":"at+jwt"}""", user.Id, stamp, _ => []),
            "alg NONE in upper case" => HandMade("""{"alg":"NONE","typ":"at+jwt"}""", user.Id, stamp, _ => []),
            "signed with another key" => Mint(user.Id, stamp, key: attackerKey),
            "HS512 instead of HS256" => Mint(user.Id, stamp, algorithm: SecurityAlgorithms.HmacSha512),
            "alg hs256 in lower case, signed with the right key" =>
                HandMade("""{"alg":"hs256","typ":"at+jwt"}""", user.Id, stamp, Hmac(CleanAuthApi.SigningKey)),
            "alg RS256, signed with an RSA key" =>
                HandMade("""{"alg":"RS256","typ":"at+jwt"}""", user.Id, stamp, RsaSha256(rsa)),
            "alg RS256 over an HMAC signature made with the right key" =>
                HandMade("""{"alg":"RS256","typ":"at+jwt"}""", user.Id, stamp, Hmac(CleanAuthApi.SigningKey)),
            "HS256 signed with the attacker's key, embedded as a jwk header" =>
                HandMade($$$"""{"alg":"HS256","typ":"at+jwt","jwk":{"kty":"oct","k":"{{{Base64UrlEncoder.Encode(attackerKey)}}}"}}""", user.Id, stamp, Hmac(attackerKey)),
            "HS256 signed with the attacker's key, named by a jku header" =>
                HandMade("""{"alg":"HS256","typ":"at+jwt","jku":"https://attacker.example/jwks.json","kid":"attacker"}""", user.Id, stamp, Hmac(attackerKey)),
            "HS256 with a kid of ../../dev/null, signed with an empty key" =>
                HandMade("""{"alg":"HS256","typ":"at+jwt","kid":"../../../../dev/null"}""", user.Id, stamp, Hmac([])),
            "RS256 signed with the attacker's certificate, embedded as an x5c header" =>
                HandMade($$"""{"alg":"RS256","typ":"at+jwt","x5c":["{{SelfSignedCertificate(rsa)}}"]}""", user.Id, stamp, RsaSha256(rsa)),
            "a JWE around an unsigned token, encrypted (dir) with the signing key" => EncryptedUnsigned(user.Id, stamp),
            "wrong issuer" => Mint(user.Id, stamp, issuer: "someone-else"),
            "wrong audience" => Mint(user.Id, stamp, audience: "another-api"),
            "expired beyond the clock skew" => Mint(user.Id, stamp, notBefore: now.AddMinutes(-20), expires: now.AddSeconds(-31)),
            "not yet valid" => Mint(user.Id, stamp, notBefore: now.AddMinutes(5), expires: now.AddMinutes(20)),
            "without an expiry" => Mint(user.Id, stamp, withoutExpiry: true),
            "not an access token type" => Mint(user.Id, stamp, type: "JWT"),
            "tampered payload" => Tamper(user.AccessToken),
            "deleted user (the API deletes no user: an id that does not exist)" => Mint("0123456789abcdef01234567", stamp),
            "disabled user" => await DisabledAsync(user),
            "minted before a password change" => await PasswordChangedAsync(user),
            "stale security stamp" => Mint(user.Id, "OLD-STAMP"),
            "a refresh token as the bearer token" => (await _api.SignInAsync(user.Email, user.Password)).RefreshToken,
            "an access token sent to POST /api/auth/refresh" => user.AccessToken,
            "a disabled user's refresh token sent to POST /api/auth/refresh" => await DisabledRefreshTokenAsync(user),
            _ => throw new ArgumentOutOfRangeException(nameof(wrong), wrong, "A row without a token."),
        };

        // The last rows go to the refresh route instead, where only a live refresh token counts.
        var response = wrong.EndsWith("sent to POST /api/auth/refresh", StringComparison.Ordinal) ? await _api.RefreshAsync(token!) : await GetMeAsync(token);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        // Outside Development the challenge names no reason: nothing to learn about which check failed.
        response.Headers.WwwAuthenticate.ToString().Should().NotContain("error_description").And.NotContain("someone-else");
        // The body says what to do next, in every environment: send a token, refresh an expired one, or sign in again.
        problem.GetProperty("detail").GetString().Should().Be(ExpectedDetail(wrong), wrong);
    }

    private static string ExpectedDetail(string wrong) => wrong switch
    {
        "no token" => TokenChallenge.Missing,
        "expired beyond the clock skew" => TokenChallenge.Expired,
        // A well-made token whose user or stamp no longer holds: the use case's own refusal.
        "deleted user (the API deletes no user: an id that does not exist)" or "disabled user" or "minted before a password change"
            or "stale security stamp" => "A valid access token is required.",
        _ when wrong.EndsWith("sent to POST /api/auth/refresh", StringComparison.Ordinal) => RefreshRefused,
        _ => TokenChallenge.Invalid,
    };

    [Fact]
    public async Task Only_an_expired_token_is_told_to_refresh()
    {
        var user = await _api.SignUpAsync();
        var stamp = ReadClaim(user.AccessToken, "sst");
        var now = DateTime.UtcNow;

        // Within the clock skew a token is still good; past it, "expired"; a bad signature on an expired token is "not valid".
        (await GetMeAsync(Mint(user.Id, stamp, notBefore: now.AddMinutes(-20), expires: now.AddSeconds(-10)))).StatusCode.Should().Be(HttpStatusCode.OK);
        var expired = await (await GetMeAsync(Mint(user.Id, stamp, notBefore: now.AddMinutes(-20), expires: now.AddMinutes(-1))))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var forged = await (await GetMeAsync(Mint(user.Id, stamp, notBefore: now.AddMinutes(-20), expires: now.AddMinutes(-1), key: [.. Enumerable.Repeat((byte)1, 64)])))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        expired.GetProperty("detail").GetString().Should().Be(TokenChallenge.Expired);
        forged.GetProperty("detail").GetString().Should().Be(TokenChallenge.Invalid);
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

    private async Task<HttpResponseMessage> GetMeAsync(string? token)
    {
        using var client = token is null ? _api.CreateClient() : _api.CreateClient(token);
        return await client.GetAsync("/api/users/me");
    }

    /// <summary>The user's own token, after the user disabled their account with it.</summary>
    private async Task<string> DisabledAsync(TestUser user)
    {
        using var client = _api.CreateClient(user.AccessToken);
        (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        return user.AccessToken;
    }

    /// <summary>A refresh token issued before the user disabled their account.</summary>
    private async Task<string> DisabledRefreshTokenAsync(TestUser user)
    {
        var session = await _api.SignInAsync(user.Email, user.Password);
        await DisabledAsync(user);
        return session.RefreshToken;
    }

    /// <summary>The user's token from before a password change (which itself succeeded).</summary>
    private async Task<string> PasswordChangedAsync(TestUser user)
    {
        using var client = _api.CreateClient(user.AccessToken);
        var change = await client.PutAsJsonAsync("/api/users/me/password", new { currentPassword = user.Password, newPassword = "a brand new long passphrase" });
        change.StatusCode.Should().Be(HttpStatusCode.OK);
        return user.AccessToken;
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

    /// <summary>
    /// A token with the header exactly as given, a valid payload, and the signature <paramref name="sign"/>
    /// makes over the first two parts: for headers the library would not write (alg none, a jwk, a lower-case alg).
    /// </summary>
    private static string HandMade(string headerJson, string userId, string stamp, Func<byte[], byte[]> sign)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = $$"""{"sub":"{{userId}}","jti":"{{Guid.NewGuid():N}}","sst":"{{stamp}}","iss":"{{CleanAuthApi.Issuer}}","aud":"{{CleanAuthApi.Audience}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""";
        var signingInput = $"{Base64Url(headerJson)}.{Base64Url(payload)}";
        return $"{signingInput}.{Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    private static Func<byte[], byte[]> Hmac(byte[] key) => data => HMACSHA256.HashData(key, data);

    private static Func<byte[], byte[]> RsaSha256(RSA rsa) => data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static string SelfSignedCertificate(RSA rsa)
    {
        var request = new CertificateRequest("CN=attacker.example", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.RawData);
    }

    /// <summary>
    /// Key confusion the other way round: the signing key used as an encryption key, around a token with no
    /// signature at all. Accepted only if the API decrypted with its signing key and then skipped the signature.
    /// </summary>
    private static string EncryptedUnsigned(string userId, string stamp)
    {
        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var key = new SymmetricSecurityKey(CleanAuthApi.SigningKey);
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = CleanAuthApi.Issuer,
            Audience = CleanAuthApi.Audience,
            TokenType = "at+jwt",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["jti"] = Guid.NewGuid().ToString("N"), ["sst"] = stamp },
            EncryptingCredentials = new EncryptingCredentials(key, JwtConstants.DirectKeyUseAlg, SecurityAlgorithms.Aes256CbcHmacSha512),
        });

        // The row is only worth its 401 if the token really opens with that key to an unsigned one.
        var inner = handler.DecryptToken(new JsonWebToken(token), new TokenValidationParameters { TokenDecryptionKey = key });
        new JsonWebToken(inner).Alg.Should().Be("none");
        return token;
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
