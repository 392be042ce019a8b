namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// Device tokens, OWASP's "device cookies" (ADR 0046): given to a client with each successful sign-in, and presented
/// by it on later sign-ins to the same address to be admitted to the known-device hashing lane. They prove only that
/// this client once signed in to that address; they replace no credential and grant nothing else.
/// </summary>
public interface IDeviceTokens
{
    /// <summary>A new token for a client that has just signed in to <paramref name="email"/>.</summary>
    string Issue(string email);

    /// <summary>Whether <paramref name="token"/> was issued for <paramref name="email"/> and has not expired; false for anything else, null included.</summary>
    bool IsValidFor(string? token, string email);
}

/// <summary>No device is ever known: what runs when no adapter provides tokens (the unit tests' pipeline).</summary>
public sealed class NoDeviceTokens : IDeviceTokens
{
    public string Issue(string email) => "";

    public bool IsValidFor(string? token, string email) => false;
}
