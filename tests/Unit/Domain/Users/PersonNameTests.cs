using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Domain.Users;

public class PersonNameTests
{
    [Theory]
    [InlineData(null, "Name is required.")]
    [InlineData(" \t ", "Name is required.")]
    [InlineData("Ann\u202ELee", "Name must not contain invisible, control or bidirectional-control characters.")]
    [InlineData("Ann\tLee", "Name must not contain invisible, control or bidirectional-control characters.")]
    public void Invalid_text_gets_the_validator_message(string? text, string message)
    {
        PersonName.Validate(text).Should().Be(message);
        FluentActions.Invoking(() => PersonName.Create(text)).Should().Throw<ArgumentException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void Length_is_counted_as_a_reader_counts_and_capped_in_code_units()
    {
        PersonName.Validate(string.Concat(Enumerable.Repeat("😀", 100))).Should().BeNull();
        PersonName.Validate(string.Concat(Enumerable.Repeat("😀", 101))).Should().Be("Name must be at most 100 characters.");
        PersonName.Validate("e" + new string('\u0301', 400)).Should().Be("Name must be at most 100 characters.");
    }

    [Theory]
    [InlineData("=?utf-8?b?QWRtaW5pc3RyYXRvcg==?=")]
    [InlineData("Ann =?UTF-8?Q?Support_Team?= Lee")]
    [InlineData("=??=")]
    public void A_name_that_mail_programs_would_decode_as_an_encoded_word_is_refused(string text) =>
        PersonName.Validate(text).Should().Be("Name must not contain \"=?…?=\" (mail programs read it as encoded text).");

    [Theory]
    [InlineData("Ann=?Lee")]
    [InlineData("Who? =Lee")]
    [InlineData("?= Ann =?")]
    public void Question_marks_and_equals_signs_alone_are_fine(string text) => PersonName.Validate(text).Should().BeNull();

    [Fact]
    public void Keeps_trimmed_NFC() => PersonName.Create("  Zoe\u0308 ").Value.Should().Be("Zoë");
}
