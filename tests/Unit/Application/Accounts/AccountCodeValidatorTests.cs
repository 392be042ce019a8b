using CleanAuth.Application.Accounts.ConfirmEmail;
using CleanAuth.Application.Accounts.ForgotPassword;
using CleanAuth.Application.Accounts.ResendConfirmation;
using CleanAuth.Application.Accounts.ResetPassword;
using FluentValidation.TestHelper;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class AccountCodeValidatorTests
{
    [Fact]
    public void Well_formed_requests_are_valid()
    {
        new ConfirmEmailCommandValidator().TestValidate(new ConfirmEmailCommand("a@example.com", "7kq2 m9xd 4htw")).ShouldNotHaveAnyValidationErrors();
        new ResendConfirmationCommandValidator().TestValidate(new ResendConfirmationCommand("a@example.com")).ShouldNotHaveAnyValidationErrors();
        new ForgotPasswordCommandValidator().TestValidate(new ForgotPasswordCommand("a@example.com")).ShouldNotHaveAnyValidationErrors();
        new ResetPasswordCommandValidator().TestValidate(new ResetPasswordCommand("a@example.com", "7KQ2-M9XD-4HTW", "a fresh long passphrase")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_ten_kilobyte_code_is_refused_before_anything_hashes_it()
    {
        var huge = new string('A', 10 * 1024);

        new ConfirmEmailCommandValidator().TestValidate(new ConfirmEmailCommand("a@example.com", huge))
            .ShouldHaveValidationErrorFor(c => c.Code).WithErrorMessage("Code must be at most 64 characters.");
        new ResetPasswordCommandValidator().TestValidate(new ResetPasswordCommand("a@example.com", huge, "a fresh long passphrase"))
            .ShouldHaveValidationErrorFor(c => c.Code);
    }

    [Fact]
    public void Missing_fields_and_register_password_rules_are_reported()
    {
        var result = new ResetPasswordCommandValidator().TestValidate(new ResetPasswordCommand("not an address", "", "password"));

        result.ShouldHaveValidationErrorFor(c => c.Email);
        result.ShouldHaveValidationErrorFor(c => c.Code).WithErrorMessage("Code is required.");
        result.ShouldHaveValidationErrorFor(c => c.NewPassword).WithErrorMessage("Password is too common; choose another.");
        new ConfirmEmailCommandValidator().TestValidate(new ConfirmEmailCommand("not an address", "7KQ2-M9XD-4HTW")).ShouldHaveValidationErrorFor(c => c.Email);
        new ForgotPasswordCommandValidator().TestValidate(new ForgotPasswordCommand("")).ShouldHaveValidationErrorFor(c => c.Email);
        new ResendConfirmationCommandValidator().TestValidate(new ResendConfirmationCommand(new string('a', 300) + "@example.com")).ShouldHaveValidationErrorFor(c => c.Email);
    }
}
