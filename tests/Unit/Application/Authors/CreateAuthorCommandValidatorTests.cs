using CleanAuth.Application.Authors.CreateAuthor;
using FluentValidation.TestHelper;

namespace CleanAuth.Tests.Unit.Application.Authors;

public sealed class CreateAuthorCommandValidatorTests
{
    private readonly CreateAuthorCommandValidator _validator = new();

    [Theory]
    [InlineData("Kazuo Ishiguro", true)]
    [InlineData("  Kazuo Ishiguro  ", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("Kazuo\u0007Ishiguro", false)]
    public void The_name_follows_the_common_name_rules(string name, bool valid)
    {
        var result = _validator.TestValidate(new CreateAuthorCommand(name, null, false));

        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.Name);
        }
    }

    [Fact]
    public void The_name_is_at_most_100_characters()
    {
        _validator.TestValidate(new CreateAuthorCommand(new string('n', 100), null, false)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new CreateAuthorCommand(new string('n', 101), null, false))
            .ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name must be at most 100 characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Japan")]
    public void The_country_is_optional(string? country)
    {
        _validator.TestValidate(new CreateAuthorCommand("Kazuo Ishiguro", country, true)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void The_country_is_at_most_100_characters_after_trimming()
    {
        _validator.TestValidate(new CreateAuthorCommand("A", new string('c', 100), false)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new CreateAuthorCommand("A", $"  {new string('c', 100)}  ", false)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new CreateAuthorCommand("A", new string('c', 101), false))
            .ShouldHaveValidationErrorFor(c => c.Country)
            .WithErrorMessage("Country must be at most 100 characters, with no control characters.");
    }

    [Fact]
    public void The_country_refuses_control_characters()
    {
        _validator.TestValidate(new CreateAuthorCommand("A", "U\tK", false)).ShouldHaveValidationErrorFor(c => c.Country);
    }
}
