using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.UpdateProfile;
using FluentValidation.TestHelper;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class LoginAndProfileValidatorTests
{
    [Fact]
    public void Login_checks_only_the_shape_so_an_old_common_or_short_password_can_still_be_tried()
    {
        var validator = new LoginCommandValidator();

        validator.TestValidate(new LoginCommand("alice@example.com", "password")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new LoginCommand("alice@example.com", "x")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Login_reports_a_missing_email_and_password_together()
    {
        var result = new LoginCommandValidator().TestValidate(new LoginCommand("", ""));

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email is required.");
        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is required.");
    }

    [Fact]
    public void Login_caps_the_password_length_so_one_attempt_cannot_make_the_hasher_work_arbitrarily_hard()
    {
        var validator = new LoginCommandValidator();

        validator.TestValidate(new LoginCommand("alice@example.com", new string('p', 128))).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new LoginCommand("alice@example.com", new string('p', 129)))
            .ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password must be at most 128 characters.");
    }

    [Fact]
    public void Login_caps_the_email_length()
    {
        new LoginCommandValidator().TestValidate(new LoginCommand(new string('a', 242) + "@example.com", "pw"))
            .ShouldNotHaveValidationErrorFor(c => c.Email);
        new LoginCommandValidator().TestValidate(new LoginCommand(new string('a', 243) + "@example.com", "pw"))
            .ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Theory]
    [InlineData("Alicia", true)]
    [InlineData("  Alicia  ", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("Ali\u0000cia", false)]
    public void UpdateProfile_applies_the_same_name_rules_as_registration(string name, bool valid)
    {
        var result = new UpdateProfileCommandValidator().TestValidate(new UpdateProfileCommand(name));

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
    public void UpdateProfile_refuses_a_name_of_101_characters()
    {
        new UpdateProfileCommandValidator().TestValidate(new UpdateProfileCommand(new string('n', 101)))
            .ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name must be at most 100 characters.");
    }
}
