using System.Text.Json;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Passkeys;

/// <summary>
/// <see cref="IWebAuthn"/> on fido2-net-lib 4.x (ADR 0058). Its 4.0 changed the defaults of user verification and
/// resident keys, so both are set here explicitly: required. Attestation is "none": CleanAuth accepts any
/// authenticator, so a vendor's certificate chain would be checked against nothing (and would identify the device).
/// </summary>
public sealed class Fido2WebAuthn(IOptions<PasskeyOptions> options) : IWebAuthn
{
    private readonly Fido2 _fido2 = new(new Fido2Configuration
    {
        RPID = options.Value.ServerDomain,
        RPName = options.Value.ServerName,
        Origins = options.Value.AllowedOrigins.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.Ordinal),
        Timeout = (uint)options.Value.CeremonyLifetime.TotalMilliseconds,
    }, metadataService: null);

    public string CreationOptions(PasskeyUser user, IReadOnlyCollection<byte[]> excludeCredentialIds) =>
        _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = user.Handle, Name = user.Name, DisplayName = user.DisplayName },
            ExcludeCredentials = [.. excludeCredentialIds.Select(id => new PublicKeyCredentialDescriptor(id))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        }).ToJson();

    public async Task<NewPasskeyCredential> VerifyRegistrationAsync(string options, string credential, CancellationToken cancellationToken)
    {
        var response = Read<AuthenticatorAttestationRawResponse>(credential);
        var made = await Verify(() => _fido2.MakeNewCredentialAsync(
            new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(options),
                // One account per credential id is the store's conditional insert, not a read here that could race.
                IsCredentialIdUniqueToUserCallback = (_, _) => Task.FromResult(true),
            },
            cancellationToken));
        return new NewPasskeyCredential(
            made.Id, made.PublicKey, made.SignCount, made.IsBackupEligible, made.IsBackedUp,
            [.. (made.Transports ?? []).Select(t => JsonSerializer.Serialize(t).Trim('"'))], made.User.Id);
    }

    public string RequestOptions() =>
        _fido2.GetAssertionOptions(new GetAssertionOptionsParams { AllowedCredentials = [], UserVerification = UserVerificationRequirement.Required }).ToJson();

    public byte[]? CredentialIdOf(string assertion)
    {
        try
        {
            return Read<AuthenticatorAssertionRawResponse>(assertion).RawId is { Length: > 0 } id ? id : null;
        }
        catch (PasskeyVerificationException)
        {
            return null;
        }
    }

    public async Task<VerifiedAssertion> VerifyAssertionAsync(string options, string assertion, Passkey stored, CancellationToken cancellationToken)
    {
        var response = Read<AuthenticatorAssertionRawResponse>(assertion);
        // A discoverable credential names its account by the user handle: it must be the stored owner's.
        if (response.Response?.UserHandle is not { } handle || !handle.AsSpan().SequenceEqual(stored.UserHandle))
        {
            throw new PasskeyVerificationException(PasskeyFailure.UserHandleMismatch, "The user handle is not the credential owner's.");
        }

        var result = await Verify(() => _fido2.MakeAssertionAsync(
            new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(options),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = stored.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) =>
                    Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(stored.UserHandle) && p.CredentialId.AsSpan().SequenceEqual(stored.CredentialId)),
            },
            cancellationToken));
        return new VerifiedAssertion(result.SignCount, result.IsBackedUp);
    }

    private static T Read<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or NotSupportedException)
        {
            throw new PasskeyVerificationException(PasskeyFailure.Malformed, "The credential JSON could not be read.", ex);
        }
    }

    // The bytes are the client's: whatever the library throws while reading them is a refusal of the answer, never a 500.
    private static async Task<T> Verify<T>(Func<Task<T>> verify)
    {
        try
        {
            return await verify();
        }
        catch (Fido2VerificationException ex) when (ex.Code == Fido2ErrorCode.InvalidSignCount)
        {
            throw new PasskeyVerificationException(PasskeyFailure.CounterWentBackwards, ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not PasskeyVerificationException)
        {
            throw new PasskeyVerificationException(PasskeyFailure.Invalid, ex.Message, ex);
        }
    }
}
