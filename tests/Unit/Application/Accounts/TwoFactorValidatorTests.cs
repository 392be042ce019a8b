using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableTwoFactor;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.RegenerateRecoveryCodes;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class TwoFactorValidatorTests
{
    private static readonly UserId Alice = UserId.From("000000000000000000000abc");

    [Theory]
    [InlineData("123456", true)]
    [InlineData("000000", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12a456", false)]
    [InlineData(" 23456", false)]
    [InlineData("١٢٣٤٥٦", false)] // Arabic-Indic digits are digits, but not ASCII ones
    [InlineData("", false)]
    public void A_code_is_six_ascii_digits(string code, bool valid)
    {
        new EnableTwoFactorCommandValidator().Validate(new EnableTwoFactorCommand(code)).IsValid.Should().Be(valid);
        new LoginCommandValidator().Validate(new LoginCommand("a@example.com", "pw", TwoFactorCode: code)).IsValid.Should().Be(valid);
    }

    [Fact]
    public void The_messages_name_the_field()
    {
        new EnableTwoFactorCommandValidator().Validate(new EnableTwoFactorCommand("")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Code is required.");
        new EnableTwoFactorCommandValidator().Validate(new EnableTwoFactorCommand("1")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Code must be 6 digits.");
        new LoginCommandValidator().Validate(new LoginCommand("a@example.com", "pw", TwoFactorCode: "1")).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("TwoFactorCode must be 6 digits.");
        new LoginCommandValidator().Validate(new LoginCommand("a@example.com", "pw", RecoveryCode: "1")).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().StartWith("RecoveryCode must be a recovery code");
    }

    [Fact]
    public void A_login_takes_a_code_or_a_recovery_code_never_both_and_either_may_be_absent()
    {
        var validator = new LoginCommandValidator();

        validator.Validate(new LoginCommand("a@example.com", "pw")).IsValid.Should().BeTrue();
        validator.Validate(new LoginCommand("a@example.com", "pw", RecoveryCode: "7K3QD-M9XWP")).IsValid.Should().BeTrue();
        validator.Validate(new LoginCommand("a@example.com", "pw", "123456", "7K3QD-M9XWP")).Errors.Should().ContainSingle(e => e.PropertyName == "RecoveryCode");
        validator.Validate(new LoginCommand("a@example.com", "pw", RecoveryCode: new string('A', 10_000))).IsValid.Should().BeFalse();
        new LoginCommand("a@example.com", "pw", "123456", "7K3QD-M9XWP").ToString().Should().NotContain("123456").And.NotContain("7K3QD");
    }

    [Theory]
    [InlineData("7K3QD-M9XWP")]
    [InlineData("7k3qd-m9xwp")]
    [InlineData("7K3QDM9XWP")]
    [InlineData(" 7K3QD M9XWP ")]
    public void A_recovery_code_is_recognised_in_any_case_with_or_without_its_dash(string typed)
    {
        RecoveryCodes.HashOf(Alice, typed).Should().Be(RecoveryCodes.HashOf(Alice, "7K3QD-M9XWP"));
        RecoveryCodes.HashOf(UserId.From("000000000000000000000def"), typed).Should().NotBe(RecoveryCodes.HashOf(Alice, typed), "salted with the user id");
    }

    [Theory]
    [InlineData("7K3QD-M9XW")] // too short
    [InlineData("7K3QD-M9XWPP")] // too long
    [InlineData("7K3QD-M9XWU")] // U is not in Crockford's alphabet
    [InlineData("{\"$ne\":null}")]
    public void Anything_else_is_not_a_recovery_code(string typed)
    {
        RecoveryCodes.HashOf(Alice, typed).Should().BeNull();
        RecoveryCodes.IsWellFormed(typed).Should().BeFalse();
    }

    [Fact]
    public void A_typed_code_is_well_formed_up_to_the_longest_input_with_stray_spaces_and_no_longer()
    {
        var longest = "7K3QD-M9XWP" + new string(' ', RecoveryCodes.MaxInputLength - 11);

        RecoveryCodes.IsWellFormed(longest).Should().BeTrue();
        RecoveryCodes.IsWellFormed(longest + " ").Should().BeFalse();
    }

    [Fact]
    public void New_recovery_codes_are_ten_distinct_well_formed_codes_whose_hashes_are_what_is_stored()
    {
        var (codes, hashes) = RecoveryCodes.New(Alice);

        codes.Should().HaveCount(10).And.OnlyHaveUniqueItems().And.OnlyContain(c => RecoveryCodes.IsWellFormed(c) && c[5] == '-');
        hashes.Should().Equal(codes.Select(c => RecoveryCodes.HashOf(Alice, c)));
    }

    [Fact]
    public void Disable_and_regenerate_need_a_password_of_sane_length()
    {
        new DisableTwoFactorCommandValidator().Validate(new DisableTwoFactorCommand("")).IsValid.Should().BeFalse();
        new DisableTwoFactorCommandValidator().Validate(new DisableTwoFactorCommand(new string('p', 129))).IsValid.Should().BeFalse();
        new RegenerateRecoveryCodesCommandValidator().Validate(new RegenerateRecoveryCodesCommand("")).IsValid.Should().BeFalse();
        new RegenerateRecoveryCodesCommandValidator().Validate(new RegenerateRecoveryCodesCommand("a password")).IsValid.Should().BeTrue();
    }
}
