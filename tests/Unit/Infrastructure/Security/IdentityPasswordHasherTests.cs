using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

public sealed class IdentityPasswordHasherTests
{
    // Far below production (210,000) so the tests stay fast; the behaviour does not depend on the count.
    private const int Iterations = 1_000;
    private const string Password = "vivid tundra marble quokka";

    private readonly IdentityPasswordHasher _hasher = Create(Iterations);

    [Fact]
    public void A_hash_verifies_against_its_password()
    {
        var hash = _hasher.Hash(Password);

        _hasher.Verify(hash, Password).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public void The_hash_does_not_contain_the_password_and_is_salted()
    {
        var first = _hasher.Hash(Password);
        var second = _hasher.Hash(Password);

        first.Should().NotContain(Password);
        first.Should().NotBe(second, "each hash gets its own salt");
        _hasher.Verify(second, Password).Should().Be(PasswordVerification.Succeeded);
    }

    [Theory]
    [InlineData("vivid tundra marble quokkA")]
    [InlineData("vivid tundra marble quokka ")]
    [InlineData("")]
    public void A_wrong_password_fails(string wrong)
    {
        _hasher.Verify(_hasher.Hash(Password), wrong).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AQ==")]
    public void A_damaged_stored_hash_fails_instead_of_throwing(string damaged)
    {
        _hasher.Verify(damaged, Password).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void A_null_hash_fails_whatever_the_password()
    {
        _hasher.Verify(null, Password).Should().Be(PasswordVerification.Failed);
        _hasher.Verify(null, string.Empty).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void A_hash_made_with_fewer_iterations_than_configured_verifies_but_asks_for_a_rehash()
    {
        var oldHash = Create(Iterations / 2).Hash(Password);

        _hasher.Verify(oldHash, Password).Should().Be(PasswordVerification.SucceededRehashNeeded);
        _hasher.Verify(oldHash, "wrong password").Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void A_hash_made_with_more_iterations_than_configured_is_not_downgraded()
    {
        var strongerHash = Create(Iterations * 2).Hash(Password);

        _hasher.Verify(strongerHash, Password).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public void A_rehash_with_the_current_settings_no_longer_asks_for_a_rehash()
    {
        var oldHash = Create(Iterations / 2).Hash(Password);
        _hasher.Verify(oldHash, Password).Should().Be(PasswordVerification.SucceededRehashNeeded);

        _hasher.Verify(_hasher.Hash(Password), Password).Should().Be(PasswordVerification.Succeeded);
    }

    private static IdentityPasswordHasher Create(int iterations) =>
        new(Options.Create(new PasswordOptions { Iterations = iterations }));
}
