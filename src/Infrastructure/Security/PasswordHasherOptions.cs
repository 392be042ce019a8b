using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Infrastructure.Security;

public sealed class PasswordHashingOptions
{
    public const string Section = "Passwords";

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations; OWASP's 2023 figure. Raising it makes logins rehash old hashes. The
    /// lower bound only catches typos (tests run with 1,000); production keeps the default or more.
    /// </summary>
    [Range(1_000, 10_000_000, ErrorMessage = "Passwords:Iterations must be between 1000 and 10000000.")]
    public int Iterations { get; set; } = 210_000;
}
