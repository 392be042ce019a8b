using System.Text.Json;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.PasskeySignIn;
using CleanAuth.Application.Passkeys.RegisterPasskey;
using CleanAuth.Application.Passkeys.RenamePasskey;

namespace CleanAuth.WebApi.Contracts;

/// <summary>A begun ceremony: send <c>ceremonyId</c> back with the credential; <c>publicKey</c> is WebAuthn's options JSON (base64url fields).</summary>
public sealed record PasskeyChallenge(string CeremonyId, JsonElement PublicKey)
{
    public static PasskeyChallenge From(CeremonyStarted started)
    {
        using var options = JsonDocument.Parse(started.PublicKey);
        return new PasskeyChallenge(started.CeremonyId, options.RootElement.Clone());
    }
}

/// <summary>The answer to a registration: <c>credential</c> as <c>PublicKeyCredential.toJSON()</c> gives it.</summary>
public sealed record PasskeyRegistration(string? CeremonyId, JsonElement Credential, string? Name)
{
    public RegisterPasskeyCommand ToCommand() => new(CeremonyId ?? "", Raw(Credential), Name);

    internal static string Raw(JsonElement credential)
    {
        if (credential.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return "";
        }

        try
        {
            return credential.GetRawText();
        }
        catch (InvalidOperationException)
        {
            // The body's parser checks UTF-8 only in what it reads as text; an element kept as it came may still
            // hold invalid bytes, which only show when it is turned into text here (found by the fuzzer).
            throw ValidationException.ForField("credential", "credential is not valid UTF-8 JSON.");
        }
    }
}

/// <summary>The answer to a sign-in: <c>credential</c> as <c>PublicKeyCredential.toJSON()</c> gives it.</summary>
public sealed record PasskeyAssertion(string? CeremonyId, JsonElement Credential)
{
    public PasskeySignInCommand ToCommand() => new(CeremonyId ?? "", PasskeyRegistration.Raw(Credential));
}

public sealed record PasskeyRename(string? Name)
{
    public RenamePasskeyCommand ToCommand(string id) => new(id, Name ?? "");
}

/// <summary>A passkey as its owner sees it: no key material.</summary>
public sealed record PasskeyResponse(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool BackedUp)
{
    public static PasskeyResponse From(PasskeyInfo passkey) => new(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt, passkey.BackedUp);
}
