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

    [Theory]
    [InlineData("user@[127.0.0.1]", "Email must name a domain, not an IP address.")]
    [InlineData("user@127.0.0.1", "Email must name a domain, not an IP address.")]
    [InlineData("=?utf-8?B?YWRtaW4=?=@example.com", "Email must not contain \"=?…?=\" (mail programs read it as encoded text).")]
    [InlineData("a=?x?q?b?=c@example.com", "Email must not contain \"=?…?=\" (mail programs read it as encoded text).")]
    [InlineData("user@ex_ample.com", "Email's domain is not a valid domain name.")]
    [InlineData("user@-example.com", "Email's domain is not a valid domain name.")]
    [InlineData("user@xn--zz.com", "Email's domain is not a valid domain name.")]
    [InlineData("u3@ex\u0430mple.org", "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike).")]
    [InlineData("u3@xn--exmple-4nf.org", "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike).")]
    [InlineData("u3@g\u03BFogle.com", "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike).")]
    [InlineData("u3@example.\u043Erg", "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike).")]
    [InlineData("p\u0430ypal@example.com", "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike).")]
    [InlineData("ann+\u0430dmin@example.com", "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike).")]
    public void A_new_address_refuses_literals_encoded_words_bad_domains_and_mixed_scripts(string text, string message)
    {
        EmailAddress.Validate(text).Should().BeNull("an existing account with such an address keeps signing in");
        EmailAddress.ValidateNew(text).Should().Be(message);
        FluentActions.Invoking(() => EmailAddress.Create(text)).Should().Throw<ArgumentException>().Which.Message.Should().StartWith(message);
    }

    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("Ann@Example.COM", "Ann@Example.COM")]
    [InlineData("ann@B\u00DCcher.de", "ann@b\u00FCcher.de")]
    [InlineData("ann@xn--bcher-kva.de", "ann@b\u00FCcher.de")]
    [InlineData("ann@stra\u00DFe.de", "ann@stra\u00DFe.de")]
    [InlineData("ivan@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", "ivan@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444")]
    [InlineData("\u0438\u0432\u0430\u043D.ivanov@example.com", "\u0438\u0432\u0430\u043D.ivanov@example.com")]
    [InlineData("\u03B1\u03B2\u03B3@\u03B5\u03BB.gr", "\u03B1\u03B2\u03B3@\u03B5\u03BB.gr")]
    [InlineData("ann@\u4F8B\u3048.jp", "ann@\u4F8B\u3048.jp")]
    [InlineData("ann@caf\u00E9-2.example.com", "ann@caf\u00E9-2.example.com")]
    public void A_new_address_keeps_its_domain_as_IDNA_maps_it_in_Unicode(string text, string stored)
    {
        EmailAddress.ValidateNew(text).Should().BeNull();
        EmailAddress.Create(text).Value.Should().Be(stored);
    }

    [Fact]
    public void The_punycode_and_the_unicode_spelling_of_a_domain_are_one_address()
    {
        EmailAddress.Create("ann@xn--bcher-kva.de").Normalized.Should().Be(EmailAddress.Create("ann@B\u00DCCHER.de").Normalized)
            .And.Be(EmailAddress.Normalize("ann@b\u00FCcher.de"), "a sign-in typed in Unicode finds the account");
    }
}
