using FluentValidation;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>The shapes of second-factor input; whether a code is right is the handler's answer.</summary>
public static class TwoFactorRules
{
    public const int CodeDigits = 6;

    public static bool IsCode(string code) => code.Length == CodeDigits && code.All(char.IsAsciiDigit);

    /// <summary>Exactly six ASCII digits, as an authenticator app shows them.</summary>
    public static IRuleBuilderOptions<T, string?> TwoFactorCode<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(c => c is null || IsCode(c)).WithMessage($"{field} must be {CodeDigits} digits.");

    /// <summary>A recovery code as it was shown (<c>XXXXX-XXXXX</c>), in any case, with or without the dash.</summary>
    public static IRuleBuilderOptions<T, string?> RecoveryCode<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(c => c is null || RecoveryCodes.IsWellFormed(c)).WithMessage($"{field} must be a recovery code such as 7K3QD-M9XWP.");
}
