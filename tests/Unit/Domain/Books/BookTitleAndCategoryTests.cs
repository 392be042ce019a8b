using CleanAuth.Domain.Books;

namespace CleanAuth.Tests.Unit.Domain.Books;

public class BookTitleAndCategoryTests
{
    [Theory]
    [InlineData(null, "Title is required.")]
    [InlineData("  ", "Title is required.")]
    [InlineData("Dune\u0007", "Title must not contain control characters.")]
    [InlineData("Dune\t", "Title must not contain control characters.")]
    public void An_invalid_title_gets_the_validator_message(string? text, string message)
    {
        BookTitle.Validate(text).Should().Be(message);
        FluentActions.Invoking(() => BookTitle.Create(text)).Should().Throw<ArgumentException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void A_title_is_at_most_200_characters_after_trimming()
    {
        BookTitle.Validate("  " + new string('x', 200) + "  ").Should().BeNull();
        BookTitle.Validate(new string('x', 201)).Should().Be("Title must be at most 200 characters.");
    }

    [Fact]
    public void A_title_is_kept_trimmed_and_compared_in_upper_case()
    {
        var title = BookTitle.Create("  Dune ");
        title.Value.Should().Be("Dune");
        title.Normalized.Should().Be("DUNE");
    }

    [Theory]
    [InlineData("science", "science")]
    [InlineData("  Picture BOOK ", "picture book")]
    public void A_category_is_found_in_any_case_and_kept_in_its_canonical_spelling(string text, string canonical) =>
        BookCategory.Create(text).Value.Should().Be(canonical);

    [Theory]
    [InlineData(null)]
    [InlineData("cookery")]
    public void Anything_else_is_no_category(string? text)
    {
        BookCategory.Find(text).Should().BeNull();
        BookCategory.Validate(text).Should().Be(
            "Category must be one of: romance, poetry, politics, picture book, science, fantasy, horror, thriller.");
        FluentActions.Invoking(() => BookCategory.Create(text)).Should().Throw<ArgumentException>();
    }
}
