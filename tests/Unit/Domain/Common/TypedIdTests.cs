using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using Vogen;

namespace CleanAuth.Tests.Unit.Domain.Common;

public class TypedIdTests
{
    [Fact]
    public void An_id_from_a_route_is_read_in_any_case_and_kept_in_lower_case()
    {
        UserId.TryParse("65F0C0FFEE00000000000ABC", out var user).Should().BeTrue();
        user.Value.Should().Be("65f0c0ffee00000000000abc");
        BookId.TryParse("65f0c0ffee00000000000abc", out var book).Should().BeTrue();
        book.Value.Should().Be("65f0c0ffee00000000000abc");
        AuthorId.TryParse("65F0c0ffee00000000000Abc", out var author).Should().BeTrue();
        author.Should().Be(AuthorId.From("65f0c0ffee00000000000abc"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("65f0c0ffee00000000000ab")]
    [InlineData("65f0c0ffee00000000000abcd")]
    [InlineData("65f0c0ffee00000000000abg")]
    [InlineData(" 65f0c0ffee00000000000abc")]
    public void Anything_else_is_no_id(string? text)
    {
        UserId.TryParse(text, out _).Should().BeFalse();
        BookId.TryParse(text, out _).Should().BeFalse();
        AuthorId.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void From_takes_only_the_stored_form()
    {
        FluentActions.Invoking(() => UserId.From("65F0C0FFEE00000000000ABC")).Should().Throw<ValueObjectValidationException>()
            .WithMessage("A user id must be 24 lower-case hexadecimal digits.");
        FluentActions.Invoking(() => BookId.From("nope")).Should().Throw<ValueObjectValidationException>();
    }
}
