namespace CleanAuth.Infrastructure.Security;

public sealed class PasswordHashingOptions
{
    public const string Section = "Passwords";

    /// <summary>PBKDF2-HMAC-SHA512 iterations; OWASP's 2023 figure. Raising it makes logins rehash old hashes.</summary>
    public int Iterations { get; set; } = 210_000;
}
