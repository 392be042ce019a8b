namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// Encrypts secrets kept at rest (the authenticator keys) with a key from configuration, so every instance that
/// shares the store can read them and the store alone cannot (ADR 0041).
/// </summary>
public interface ISecretProtector
{
    /// <summary>The ciphertext of <paramref name="secret"/>, bound to <paramref name="context"/> (e.g. the user id).</summary>
    string Protect(byte[] secret, string context);

    /// <summary>The secret, or null when the ciphertext is not one of this protector's keys' or was not made for <paramref name="context"/>.</summary>
    byte[]? Unprotect(string ciphertext, string context);
}
