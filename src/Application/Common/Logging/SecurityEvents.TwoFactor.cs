using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

/// <summary>The second factor's events (ADR 0041): 4020–4029.</summary>
public sealed partial class SecurityEvents
{
    public void TwoFactorEnabled(UserId userId) => LogTwoFactorEnabled(logger, userId.Value, client.ClientIp, client.TraceId);

    public void TwoFactorDisabled(UserId userId, UserId byUserId) => LogTwoFactorDisabled(logger, userId.Value, byUserId.Value, client.ClientIp, client.TraceId);

    /// <summary>A wrong, replayed or malformed second factor; never the code itself.</summary>
    public void TwoFactorFailed(UserId userId, TwoFactorPurpose purpose) => LogTwoFactorFailed(logger, userId.Value, purpose, client.ClientIp, client.TraceId);

    public void RecoveryCodeUsed(UserId userId) => LogRecoveryCodeUsed(logger, userId.Value, client.ClientIp, client.TraceId);

    public void RecoveryCodesRegenerated(UserId userId) => LogRecoveryCodesRegenerated(logger, userId.Value, client.ClientIp, client.TraceId);

    public void TwoFactorReset(UserId userId, UserId byUserId) => LogTwoFactorReset(logger, userId.Value, byUserId.Value, client.ClientIp, client.TraceId);

    [LoggerMessage(EventId = 4020, EventName = "TwoFactorEnabled", Level = LogLevel.Information,
        Message = "{UserId} enabled two-factor authentication from {ClientIp}; every other session ended ({TraceId})")]
    private static partial void LogTwoFactorEnabled(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4021, EventName = "TwoFactorDisabled", Level = LogLevel.Information,
        Message = "Two-factor authentication of {UserId} disabled by {ActorId} from {ClientIp}; every other session ended ({TraceId})")]
    private static partial void LogTwoFactorDisabled(ILogger logger, string userId, string actorId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4022, EventName = "TwoFactorFailed", Level = LogLevel.Warning,
        Message = "A wrong or replayed second factor for {UserId} ({Purpose}) from {ClientIp} ({TraceId})")]
    private static partial void LogTwoFactorFailed(ILogger logger, string userId, TwoFactorPurpose purpose, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4023, EventName = "RecoveryCodeUsed", Level = LogLevel.Warning,
        Message = "{UserId} signed in with a recovery code from {ClientIp} ({TraceId})")]
    private static partial void LogRecoveryCodeUsed(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4024, EventName = "RecoveryCodesRegenerated", Level = LogLevel.Information,
        Message = "{UserId} regenerated their recovery codes from {ClientIp}; the old ones stopped working ({TraceId})")]
    private static partial void LogRecoveryCodesRegenerated(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4025, EventName = "TwoFactorReset", Level = LogLevel.Warning,
        Message = "Two-factor authentication of {UserId} reset by {ActorId} from {ClientIp}; every session ended ({TraceId})")]
    private static partial void LogTwoFactorReset(ILogger logger, string userId, string actorId, string? clientIp, string? traceId);
}
