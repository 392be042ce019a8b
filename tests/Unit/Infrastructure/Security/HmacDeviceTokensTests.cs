using System.Buffers.Text;
using System.Security.Cryptography;
using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

public sealed class HmacDeviceTokensTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    private HmacDeviceTokens Tokens(string key, TimeSpan? lifetime = null)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(Environments.Production);
        var options = new PasswordOptions { DeviceTokenLifetime = lifetime ?? TimeSpan.FromDays(30) };
        return new HmacDeviceTokens(JwtSigningKey.Resolve(key, environment, Path.GetTempPath(), NullLogger.Instance), MsOptions.Create(options), _clock);
    }

    [Fact]
    public void A_token_is_valid_for_its_address_on_every_instance_with_the_same_key_in_any_case()
    {
        var token = Tokens(KeyA).Issue("Ann@Example.com");

        token.Should().MatchRegex("^[A-Za-z0-9_-]{54}$", "40 bytes of base64url, nothing readable");
        token.Should().NotContainEquivalentOf("ann");
        Tokens(KeyA).IsValidFor(token, " ann@example.COM ").Should().BeTrue();
    }

    [Fact]
    public void A_token_is_not_valid_for_another_address_or_under_another_key()
    {
        var token = Tokens(KeyA).Issue("ann@example.com");

        Tokens(KeyA).IsValidFor(token, "bob@example.com").Should().BeFalse();
        Tokens(KeyB).IsValidFor(token, "ann@example.com").Should().BeFalse();
    }

    [Fact]
    public void A_token_ends_with_its_lifetime()
    {
        var tokens = Tokens(KeyA, TimeSpan.FromDays(30));
        var token = tokens.Issue("ann@example.com");

        _clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        tokens.IsValidFor(token, "ann@example.com").Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(1));
        tokens.IsValidFor(token, "ann@example.com").Should().BeFalse();
    }

    [Fact]
    public void A_token_with_its_expiry_moved_later_is_not_valid()
    {
        var tokens = Tokens(KeyA);
        var bytes = Base64Url.DecodeFromChars(tokens.Issue("ann@example.com"));
        bytes[3]++;

        tokens.IsValidFor(Base64Url.EncodeToString(bytes), "ann@example.com").Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAA")]
    public void Anything_else_is_not_a_valid_token(string? token)
    {
        Tokens(KeyA).IsValidFor(token, "ann@example.com").Should().BeFalse();
    }

    [Fact]
    public void A_very_long_value_is_refused_before_it_is_decoded()
    {
        Tokens(KeyA).IsValidFor(new string('A', 100_000), "ann@example.com").Should().BeFalse();
    }
}
