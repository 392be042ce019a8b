using System.Security.Cryptography;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NSubstitute;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

public sealed class JwtTokenServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly JwtOptions _options = new() { Issuer = "test-issuer", Audience = "test-audience", AccessTokenLifetime = TimeSpan.FromMinutes(20) };
    private readonly JwtSigningKey _signingKey = Key();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly JwtTokenService _service;
    private readonly User _user = TestUsers.New(id: "65f2c0ffee0000000000abcd");

    public JwtTokenServiceTests() => _service = new JwtTokenService(Options.Create(_options), _signingKey, _clock);

    private const string SessionId = "65f2c0ffee00000000005e55";

    [Fact]
    public void The_token_names_the_user_the_stamp_the_session_and_a_unique_id()
    {
        var token = Read(_service.IssueAccessToken(_user, SessionId, null).Value);

        token.Subject.Should().Be(_user.Id.Value);
        token.GetClaim(JwtTokenService.SecurityStampClaim).Value.Should().Be(_user.SecurityStamp);
        token.GetClaim("sid").Value.Should().Be(SessionId, "ending the session ends the token (ADR 0053)");
        token.Id.Should().NotBeNullOrWhiteSpace();
        Read(_service.IssueAccessToken(_user, SessionId, null).Value).Id.Should().NotBe(token.Id, "every token gets its own jti");
    }

    [Fact]
    public void The_token_is_an_HS256_signed_access_token_type()
    {
        var token = Read(_service.IssueAccessToken(_user, SessionId, null).Value);

        token.Alg.Should().Be(SecurityAlgorithms.HmacSha256);
        token.Typ.Should().Be("at+jwt");
        token.Issuer.Should().Be("test-issuer");
        token.Audiences.Should().Equal("test-audience");
    }

    [Fact]
    public void Issued_at_and_expiry_come_from_the_clock_and_the_configured_lifetime()
    {
        var issued = _service.IssueAccessToken(_user, SessionId, null);
        var token = Read(issued.Value);

        var iat = long.Parse(token.GetClaim(JwtRegisteredClaimNames.Iat).Value, System.Globalization.CultureInfo.InvariantCulture);
        var exp = long.Parse(token.GetClaim(JwtRegisteredClaimNames.Exp).Value, System.Globalization.CultureInfo.InvariantCulture);
        iat.Should().Be(Now.ToUnixTimeSeconds());
        exp.Should().Be(Now.AddMinutes(20).ToUnixTimeSeconds());
        token.ValidTo.Should().Be(Now.AddMinutes(20).UtcDateTime);
        token.ValidFrom.Should().Be(Now.UtcDateTime);
        issued.ExpiresInSeconds.Should().Be(20 * 60);
    }

    [Fact]
    public void Times_follow_the_clock()
    {
        _clock.Advance(TimeSpan.FromHours(3));

        var token = Read(_service.IssueAccessToken(_user, SessionId, null).Value);

        token.ValidTo.Should().Be(Now.AddHours(3).AddMinutes(20).UtcDateTime);
    }

    [Fact]
    public void The_token_carries_no_secrets_of_the_user()
    {
        var token = Read(_service.IssueAccessToken(_user, SessionId, null).Value);

        token.Claims.Select(c => c.Value).Should().NotContain(_user.PasswordHash);
        token.Claims.Select(c => c.Type).Should().BeEquivalentTo(["sub", "jti", "sst", "sid", "iat", "nbf", "exp", "iss", "aud"]);
    }

    [Fact]
    public void The_sign_in_time_is_carried_as_auth_time_in_seconds_and_left_out_when_unknown()
    {
        var signedInAt = Now.AddMinutes(-42).AddMilliseconds(700);

        var token = Read(_service.IssueAccessToken(_user, SessionId, signedInAt).Value);

        token.GetClaim(JwtRegisteredClaimNames.AuthTime).Value.Should().Be(signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Base64UrlEncoder.Decode(token.EncodedPayload).Should().Contain($"\"auth_time\":{signedInAt.ToUnixTimeSeconds()}", "OIDC's auth_time is a JSON number");
        Read(_service.IssueAccessToken(_user, SessionId, null).Value).TryGetClaim(JwtRegisteredClaimNames.AuthTime, out _).Should().BeFalse();
    }

    [Fact]
    public async Task The_signature_checks_out_with_the_signing_key_and_not_with_another()
    {
        var value = _service.IssueAccessToken(_user, SessionId, null).Value;

        var withKey = await Validate(value, _signingKey.Key);
        var withOther = await Validate(value, Key().Key);

        withKey.IsValid.Should().BeTrue(withKey.Exception?.Message);
        withOther.IsValid.Should().BeFalse();
    }

    private static JsonWebToken Read(string value) => new JsonWebTokenHandler().ReadJsonWebToken(value);

    private Task<TokenValidationResult> Validate(string token, SecurityKey key) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [JwtTokenService.AccessTokenType],
            ValidateLifetime = false, // the token is dated by the fake clock, not the machine's
        });

    private static JwtSigningKey Key()
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(Environments.Production);
        return JwtSigningKey.Resolve(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), environment, "unused", NullLogger.Instance);
    }
}
