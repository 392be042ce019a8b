using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

// Passkeys (ADR 0058): 4050–4054. Never a credential, a challenge or a key; the passkey's id is a hash of its credential id.
public sealed partial class SecurityEvents
{
    public void PasskeyRegistered(UserId userId, string passkeyId, bool backupEligible) =>
        LogPasskeyRegistered(logger, userId.Value, passkeyId, backupEligible, client.ClientIp, client.TraceId);

    /// <summary>A registration refused; the reason is for operators only.</summary>
    public void PasskeyRegistrationFailed(UserId userId, PasskeyFailure reason) =>
        LogPasskeyRegistrationFailed(logger, userId.Value, reason, client.ClientIp, client.TraceId);

    /// <summary>Passkeys removed by their owner (one) or by a reset of a never-confirmed address (all of them, ADR 0043).</summary>
    public void PasskeysRemoved(UserId userId, int count, string cause) =>
        LogPasskeysRemoved(logger, userId.Value, count, cause, client.ClientIp, client.TraceId);

    public void PasskeySignInSucceeded(UserId userId, string passkeyId) =>
        LogPasskeySignInSucceeded(logger, userId.Value, passkeyId, client.ClientIp, client.TraceId);

    /// <summary>A sign-in refused; the user only when the credential named a stored passkey. The client's answer is always the same.</summary>
    public void PasskeySignInFailed(UserId? userId, PasskeyFailure reason) =>
        LogPasskeySignInFailed(logger, userId?.Value, reason, client.ClientIp, client.TraceId);

    [LoggerMessage(EventId = 4050, EventName = "PasskeyRegistered", Level = LogLevel.Information,
        Message = "{UserId} registered passkey {PasskeyId} (backup eligible {BackupEligible}) from {ClientIp} ({TraceId})")]
    private static partial void LogPasskeyRegistered(ILogger logger, string userId, string passkeyId, bool backupEligible, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4051, EventName = "PasskeyRegistrationFailed", Level = LogLevel.Warning,
        Message = "Passkey registration by {UserId} refused: {Reason}, from {ClientIp} ({TraceId})")]
    private static partial void LogPasskeyRegistrationFailed(ILogger logger, string userId, PasskeyFailure reason, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4052, EventName = "PasskeysRemoved", Level = LogLevel.Information,
        Message = "{Count} passkey(s) of {UserId} removed ({Cause}) from {ClientIp} ({TraceId})")]
    private static partial void LogPasskeysRemoved(ILogger logger, string userId, int count, string cause, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4053, EventName = "PasskeySignInSucceeded", Level = LogLevel.Information,
        Message = "{UserId} signed in with passkey {PasskeyId} from {ClientIp} ({TraceId})")]
    private static partial void LogPasskeySignInSucceeded(ILogger logger, string userId, string passkeyId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4054, EventName = "PasskeySignInFailed", Level = LogLevel.Warning,
        Message = "Passkey sign-in refused for {UserId}: {Reason}, from {ClientIp} ({TraceId})")]
    private static partial void LogPasskeySignInFailed(ILogger logger, string? userId, PasskeyFailure reason, string? clientIp, string? traceId);
}

/// <summary>Why a ceremony's answer was refused; for the security events only, the client is told less.</summary>
public enum PasskeyFailure
{
    /// <summary>The ceremony id is unknown, spent, expired, of the other kind or another user's.</summary>
    CeremonyUnknown,

    /// <summary>The credential JSON could not be read.</summary>
    Malformed,

    /// <summary>A check failed: challenge, origin, RP ID, flags, signature.</summary>
    Invalid,

    /// <summary>No stored passkey has the assertion's credential id.</summary>
    UnknownCredential,

    /// <summary>The assertion's user handle is not the credential owner's.</summary>
    UserHandleMismatch,

    /// <summary>The signature counter did not move forward.</summary>
    CounterWentBackwards,

    /// <summary>The credential id is stored already (registration).</summary>
    CredentialTaken,

    Disabled,
    EmailNotConfirmed,
}
