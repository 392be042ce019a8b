using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Infrastructure.Security;

public sealed class PasswordOptions
{
    public const string Section = "Passwords";

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations; OWASP's 2023 figure. Raising it makes logins rehash old hashes. The
    /// lower bound only catches typos (tests run with 1,000); production keeps the default or more.
    /// </summary>
    [Range(1_000, 10_000_000, ErrorMessage = "Passwords:Iterations must be between 1000 and 10000000.")]
    public int Iterations { get; set; } = 210_000;

    /// <summary>Hashes at once: all cores but one, so the other routes keep a core however many sign-ins come.</summary>
    [Range(1, 256, ErrorMessage = "Passwords:MaxConcurrentHashes must be between 1 and 256.")]
    public int MaxConcurrentHashes { get; set; } = Math.Clamp(Environment.ProcessorCount - 1, 1, 256);

    /// <summary>Sign-ins that may wait for a slot; more are answered 503 at once instead of queueing.</summary>
    [Range(0, 10_000, ErrorMessage = "Passwords:HashQueueLimit must be between 0 and 10000.")]
    public int HashQueueLimit { get; set; } = 64;

    /// <summary>How long a sign-in waits for a slot before it is answered 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30", ErrorMessage = "Passwords:HashQueueTimeout must be between 00:00:00.010 and 00:00:30.")]
    public TimeSpan HashQueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Hashes at once for sign-ins from known devices (a valid device token for the same address, ADR 0046), beside
    /// <see cref="MaxConcurrentHashes"/>: a flood of anonymous guesses cannot take these.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Passwords:KnownDeviceHashes must be between 1 and 256.")]
    public int KnownDeviceHashes { get; set; } = 1;

    /// <summary>Known-device sign-ins that may wait for one of their slots (with the same <see cref="HashQueueTimeout"/>).</summary>
    [Range(0, 10_000, ErrorMessage = "Passwords:KnownDeviceQueueLimit must be between 0 and 10000.")]
    public int KnownDeviceQueueLimit { get; set; } = 16;

    /// <summary>How long a device token issued at a successful sign-in admits its client to the known-device lane.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Passwords:DeviceTokenLifetime must be between 00:01:00 and 365.00:00:00.")]
    public TimeSpan DeviceTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
