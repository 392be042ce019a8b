using System.Security.Cryptography;
using System.Text;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// Single-use recovery codes: 10 per user, each 10 random characters of Crockford's base32 (50 bits), shown once as
/// <c>XXXXX-XXXXX</c> and kept only as a SHA-256 salted with the user id. A fast hash is enough for that much
/// entropy behind an online lockout (as for refresh tokens); the salt keeps one table from serving every user.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    public const int Length = 10;

    /// <summary>The longest form a client may send: the code with a separator, with room for stray spaces.</summary>
    public const int MaxInputLength = 16;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A fresh set: the codes to show once and the hashes to store.</summary>
    public static (IReadOnlyList<string> Codes, IReadOnlyList<string> Hashes) New(UserId userId)
    {
        var codes = Enumerable.Range(0, Count).Select(_ => RandomNumberGenerator.GetString(Alphabet, Length)).ToList();
        return ([.. codes.Select(c => $"{c[..5]}-{c[5..]}")], [.. codes.Select(c => Hash(userId, c))]);
    }

    /// <summary>The stored form of a code as a user typed it; null when it cannot be one (wrong length or letters).</summary>
    public static string? HashOf(UserId userId, string code)
    {
        var normalized = Normalize(code);
        return normalized is null ? null : Hash(userId, normalized);
    }

    /// <summary>Whether <paramref name="code"/> has a recovery code's shape (any case, with or without the dash).</summary>
    public static bool IsWellFormed(string code) => code.Length <= MaxInputLength && Normalize(code) is not null;

    private static string? Normalize(string code)
    {
        var normalized = code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return normalized.Length == Length && normalized.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? normalized : null;
    }

    private static string Hash(UserId userId, string normalized) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes($"{userId.Value}:{normalized}")));
}
