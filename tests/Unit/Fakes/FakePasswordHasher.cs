using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>
/// A fast, deterministic hasher. Hashes look like <c>fake-v{generation}:{sha256 hex}</c>, so they never
/// contain the password. Raising <see cref="Generation"/> makes older hashes verify as
/// <see cref="PasswordVerification.SucceededRehashNeeded"/>, as stronger hashing parameters would.
/// </summary>
public sealed class FakePasswordHasher : IPasswordHasher
{
    private const string Prefix = "fake-v";

    public int Generation { get; set; } = 1;

    public List<string> HashCalls { get; } = [];

    public List<(string? PasswordHash, string Password)> VerifyCalls { get; } = [];

    /// <summary>Makes every hash made so far answer <see cref="PasswordVerification.SucceededRehashNeeded"/>.</summary>
    public void RequireRehash() => Generation++;

    public string Hash(string password)
    {
        HashCalls.Add(password);
        return Compute(password, Generation);
    }

    public PasswordVerification Verify(string? passwordHash, string password)
    {
        VerifyCalls.Add((passwordHash, password));
        if (passwordHash is null || !TryParse(passwordHash, out var generation, out var digest))
        {
            return PasswordVerification.Failed;
        }

        if (!string.Equals(digest, Digest(password), StringComparison.Ordinal))
        {
            return PasswordVerification.Failed;
        }

        return generation < Generation ? PasswordVerification.SucceededRehashNeeded : PasswordVerification.Succeeded;
    }

    /// <summary>The hash this fake makes for <paramref name="password"/> at <paramref name="generation"/>, without recording a call.</summary>
    public static string Compute(string password, int generation = 1) => $"{Prefix}{generation}:{Digest(password)}";

    private static string Digest(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private static bool TryParse(string hash, out int generation, out string digest)
    {
        generation = 0;
        digest = string.Empty;
        var colon = hash.IndexOf(':', StringComparison.Ordinal);
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal) || colon < 0
            || !int.TryParse(hash.AsSpan(Prefix.Length, colon - Prefix.Length), out generation))
        {
            return false;
        }

        digest = hash[(colon + 1)..];
        return true;
    }
}
