using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Domain.Users;

public class EmailAddressTests
{
    [Theory]
    [InlineData(null, "Email is required.")]
    [InlineData("   ", "Email is required.")]
    [InlineData("no-at-sign.example.com", "Email is not a valid email address.")]
    [InlineData("two@at@example.com", "Email is not a valid email address.")]
    [InlineData("ann@localhost", "Email is not a valid email address.")]
    [InlineData("ann@.example.com", "Email is not a valid email address.")]
    [InlineData("ann@example.com.", "Email is not a valid email address.")]
    [InlineData("a nn@example.com", "Email is not a valid email address.")]
    [InlineData("ann\u200B@example.com", "Email must not contain invisible, control or bidirectional-control characters.")]
    public void Invalid_text_gets_the_validator_message(string? text, string message)
    {
        EmailAddress.Validate(text).Should().Be(message);
        FluentActions.Invoking(() => EmailAddress.Create(text)).Should().Throw<ArgumentException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void Too_long_counts_the_normalized_form()
    {
        var local = new string('a', EmailAddress.MaxLength - "@example.com".Length);
        EmailAddress.Validate(local + "@example.com").Should().BeNull();
        EmailAddress.Validate("a" + local + "@example.com").Should().Be("Email must be at most 254 characters.");
    }

    [Fact]
    public void Keeps_trimmed_NFKC_and_decides_uniqueness_on_the_upper_case_form()
    {
        var email = EmailAddress.Create("  ｖｉｃｔｉｍ@Example.com ");
        email.Value.Should().Be("victim@Example.com");
        email.Normalized.Should().Be("VICTIM@EXAMPLE.COM");
        email.ToString().Should().Be(email.Value);
    }
}
