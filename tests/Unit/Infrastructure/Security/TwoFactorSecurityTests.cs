using System.Security.Cryptography;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using OtpNet;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

/// <summary>The authenticator keys' encryption at rest (with key rotation) and the RFC 6238 adapter (ADR 0041).</summary>
public sealed class TwoFactorSecurityTests : IDisposable
{
    private const string UserA = "000000000000000000000abc";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_sealed_secret_opens_only_for_its_context_and_untampered()
    {
        var protector = new AesGcmSecretProtector(RandomNumberGenerator.GetBytes(32), []);
        var secret = RandomNumberGenerator.GetBytes(20);

        var sealedText = protector.Protect(secret, UserA);

        sealedText.Should().MatchRegex(@"^v1\.[0-9a-f]{8}\.[A-Za-z0-9+/=]+$");
        protector.Protect(secret, UserA).Should().NotBe(sealedText, "every seal has its own nonce");
        protector.Unprotect(sealedText, UserA).Should().Equal(secret);
        protector.Unprotect(sealedText, "000000000000000000000def").Should().BeNull();
        var body = Convert.FromBase64String(sealedText.Split('.')[2]);
        body[^1] ^= 1;
        protector.Unprotect($"v1.{sealedText.Split('.')[1]}.{Convert.ToBase64String(body)}", UserA).Should().BeNull();
        protector.Unprotect("v1.deadbeef." + sealedText.Split('.')[2], UserA).Should().BeNull("no such key");
        protector.Unprotect("not a ciphertext", UserA).Should().BeNull();
        protector.Unprotect("v1.x.%%%", UserA).Should().BeNull();
    }

    [Fact]
    public void A_secret_no_configured_key_opens_is_logged_as_unreadable_naming_the_key_ids_and_the_prefixes_say_which_keys_are_configured()
    {
        var sealedBy = new AesGcmSecretProtector(RandomNumberGenerator.GetBytes(32), []);
        var log = new CapturingLogger<AesGcmSecretProtector>();
        var other = new AesGcmSecretProtector(RandomNumberGenerator.GetBytes(32), [], log);
        var sealedText = sealedBy.Protect(RandomNumberGenerator.GetBytes(20), UserA);

        other.Unprotect(sealedText, UserA).Should().BeNull();

        var entry = log.Entries.Should().ContainSingle().Subject;
        entry.EventId.Name.Should().Be("TwoFactorSecretUnreadable");
        entry["SealedKeyId"].Should().Be(sealedBy.EncryptionKeyId);
        entry["KeyId"].Should().Be(other.EncryptionKeyId);
        AesGcmSecretProtector.KeyIdOf(sealedText).Should().Be(sealedBy.EncryptionKeyId);
        sealedText.Should().StartWith(sealedBy.SealPrefixes.Should().ContainSingle().Subject);
        other.SealPrefixes.Should().NotContain(p => sealedText.StartsWith(p, StringComparison.Ordinal));
    }

    [Fact]
    public void After_a_rotation_the_old_key_still_opens_what_it_sealed_and_new_seals_use_the_new_key()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var secret = RandomNumberGenerator.GetBytes(20);
        var before = new AesGcmSecretProtector(oldKey, []).Protect(secret, UserA);

        var rotated = Resolve(new TwoFactorOptions { EncryptionKey = Convert.ToBase64String(newKey), DecryptionKeys = [Convert.ToBase64String(oldKey)] });

        rotated.Unprotect(before, UserA).Should().Equal(secret);
        var after = rotated.Protect(secret, UserA);
        after.Split('.')[1].Should().NotBe(before.Split('.')[1]);
        new AesGcmSecretProtector(oldKey, []).Unprotect(after, UserA).Should().BeNull("the old key cannot open the new seals");
        new AesGcmSecretProtector(newKey, []).Unprotect(before, UserA).Should().BeNull("without the old key listed, the old seals stay shut");
    }

    [Theory]
    [InlineData(null, "*TwoFactor:EncryptionKey is not configured*")]
    [InlineData("c2hvcnQ=", "*TwoFactor:EncryptionKey*5 bytes*32*")]
    [InlineData("not base64!", "*TwoFactor:EncryptionKey*not valid base64*")]
    public void Outside_Development_a_missing_or_malformed_key_stops_the_start_without_echoing_it(string? key, string message)
    {
        var act = () => Resolve(new TwoFactorOptions { EncryptionKey = key });

        act.Should().Throw<InvalidOperationException>().WithMessage(message).Which.Message.Should().NotContain(key ?? "\u0000");
        Directory.Exists(_data.Path).Should().BeFalse();
    }

    [Fact]
    public void In_Development_a_key_is_generated_once_into_the_data_folder_and_reused()
    {
        var first = Resolve(new TwoFactorOptions(), Environments.Development);
        var sealedText = first.Protect([1, 2, 3], UserA);

        var second = Resolve(new TwoFactorOptions(), Environments.Development);

        second.Unprotect(sealedText, UserA).Should().Equal([1, 2, 3]);
        var file = System.IO.Path.Combine(_data.Path, "two-factor-key.dev");
        Convert.FromBase64String(File.ReadAllText(file)).Should().HaveCount(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void A_code_is_matched_within_one_step_of_drift_each_way_and_not_two()
    {
        var authenticator = new OtpNetAuthenticator(Options.Create(new TwoFactorOptions()));
        var secret = authenticator.NewSecret();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 15, TimeSpan.Zero);
        var step = now.ToUnixTimeSeconds() / 30;
        string CodeAt(int offset) => new Totp(secret).ComputeTotp(now.UtcDateTime.AddSeconds(30 * offset));

        secret.Should().HaveCount(20);
        authenticator.MatchingStep(secret, CodeAt(0), now).Should().Be(step);
        authenticator.MatchingStep(secret, CodeAt(-1), now).Should().Be(step - 1);
        authenticator.MatchingStep(secret, CodeAt(1), now).Should().Be(step + 1);
        authenticator.MatchingStep(secret, CodeAt(-2), now).Should().BeNull();
        authenticator.MatchingStep(secret, CodeAt(2), now).Should().BeNull();
    }

    [Fact]
    public void The_key_uri_escapes_the_account_and_names_the_configured_issuer()
    {
        var authenticator = new OtpNetAuthenticator(Options.Create(new TwoFactorOptions { Issuer = "Acme Books" }));
        var secret = new byte[20];

        var uri = authenticator.KeyUri(secret, "ann+1@example.com");

        uri.Should().Be("otpauth://totp/Acme%20Books:ann%2B1%40example.com?secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&issuer=Acme%20Books&algorithm=SHA1&digits=6&period=30");
        authenticator.SharedKey(secret).Should().NotContain("=");
    }

    private AesGcmSecretProtector Resolve(TwoFactorOptions options, string environment = "Production")
    {
        var host = Substitute.For<IHostEnvironment>();
        host.EnvironmentName.Returns(environment);
        return AesGcmSecretProtector.Resolve(options, host, _data.Path, NullLogger.Instance);
    }
}
