using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using FluentValidation;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// The one-time codes' format (ADR 0040): 12 characters of Crockford base32 from the CSPRNG, 60 bits, shown as
/// three groups of four (<c>7KQ2-M9XD-4HTW</c>). Typed back in any case, with or without the dashes or spaces;
/// I and L read as 1, O as 0. Stored as SHA-256 over purpose, user and code, so a stored hash neither
/// matches another account's code nor the other kind's.
/// </summary>
public static class AccountCodeFormat
{
    public const int Length = 12;

    /// <summary>What the validator lets through: generous for separators and spaces, far below anything costly.</summary>
    public const int MaxInputLength = 64;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCode()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>The canonical form of a typed code: separators dropped, upper case, look-alikes folded.</summary>
    public static string Normalize(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (c is '-' or ' ' or '\t')
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(c) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            });
        }

        return builder.ToString();
    }

    public static string Hash(UserId userId, AccountCodePurpose purpose, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}:{userId.Value}:{Normalize(code)}")));
}

public static class AccountCodeRules
{
    /// <summary>Present and short: a code's length is capped before anything hashes it (a 10 kB code is a 400, not work).</summary>
    public static IRuleBuilderOptions<T, string> AccountCode<T>(this IRuleBuilderInitial<T, string> rule) => rule
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("Code is required.")
        .MaximumLength(AccountCodeFormat.MaxInputLength).WithMessage($"Code must be at most {AccountCodeFormat.MaxInputLength} characters.");
}
