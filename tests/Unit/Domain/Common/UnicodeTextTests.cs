using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Domain.Common;

public sealed class UnicodeTextTests
{
    [Theory]
    [InlineData("victim\u200b@example.com")] // zero-width space
    [InlineData("vic\u00adtim@example.com")] // soft hyphen
    [InlineData("\u202eelpmaxe.com@victim")] // right-to-left override
    [InlineData("victim\u2066@example.com")] // left-to-right isolate
    [InlineData("victim\u200d@example.com")] // zero-width joiner
    [InlineData("victim\ufeff@example.com")] // byte order mark
    [InlineData("victim\u2028@example.com")] // line separator
    [InlineData("victim\u0000@example.com")]
    public void Hidden_characters_are_found(string value) => UnicodeText.HasHiddenCharacters(value).Should().BeTrue();

    [Fact]
    public void An_unpaired_surrogate_is_hidden_and_does_not_break_normalization()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which cannot hold an unpaired surrogate.
        var value = "victim" + (char)0xD800 + "@example.com";

        UnicodeText.HasHiddenCharacters(value).Should().BeTrue();
        EmailAddress.Normalize(value).Should().StartWith("VICTIM");
    }

    [Theory]
    [InlineData("Zoë Ångström")]
    [InlineData("李小龍")]
    [InlineData("Ada 😀")]
    [InlineData("O'Brien-Smith")]
    public void Visible_text_has_no_hidden_characters(string value) => UnicodeText.HasHiddenCharacters(value).Should().BeFalse();

    [Fact]
    public void Emails_that_look_alike_have_one_key()
    {
        EmailAddress.Normalize("ｖｉｃｔｉｍ@ｅｘａｍｐｌｅ.com").Should().Be(EmailAddress.Normalize("victim@example.com"));
        EmailAddress.Normalize("  Victim@Example.COM ").Should().Be("VICTIM@EXAMPLE.COM");
        EmailAddress.Normalize("zoe\u0308@example.com").Should().Be(EmailAddress.Normalize("zoë@example.com"), "a combining diaeresis composes");
    }

    [Fact]
    public void Names_are_kept_composed_and_counted_as_a_reader_counts()
    {
        UnicodeText.Name("  Zoe\u0308 ").Should().Be("Zoë");
        UnicodeText.Length(string.Concat(Enumerable.Repeat("😀", 60))).Should().Be(60);
        UnicodeText.Length("e\u0301").Should().Be(1);
    }
}
