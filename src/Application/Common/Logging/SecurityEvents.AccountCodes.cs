using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

/// <summary>The emailed codes' events (4011–4016): an address confirmed, a password reset by code.</summary>
public sealed partial class SecurityEvents
{
    public void EmailConfirmationSent(UserId userId) => LogEmailConfirmationSent(logger, userId.Value, client.ClientIp, client.TraceId);

    public void EmailConfirmed(UserId userId) => LogEmailConfirmed(logger, userId.Value, client.ClientIp, client.TraceId);

    /// <summary>A resend that sent nothing or a confirm that failed; the address (hashed) only when no account was found.</summary>
    public void EmailConfirmationFailed(UserId? userId, string email, AccountCodeFailure reason) =>
        LogEmailConfirmationFailed(logger, userId?.Value, userId is null ? addressTagger.Tag(email) : null, reason, client.ClientIp, client.TraceId);

    public void PasswordResetRequested(UserId userId) => LogPasswordResetRequested(logger, userId.Value, client.ClientIp, client.TraceId);

    public void PasswordReset(UserId userId) => LogPasswordReset(logger, userId.Value, client.ClientIp, client.TraceId);

    /// <summary>A forgot-password request that sent nothing or a reset that failed; the address (its keyed tag) only when no account was found.</summary>
    public void PasswordResetFailed(UserId? userId, string email, AccountCodeFailure reason) =>
        LogPasswordResetFailed(logger, userId?.Value, userId is null ? addressTagger.Tag(email) : null, reason, client.ClientIp, client.TraceId);

    [LoggerMessage(EventId = 4011, EventName = "EmailConfirmationSent", Level = LogLevel.Information,
        Message = "A confirmation code for {UserId} was issued and its email queued, from {ClientIp} ({TraceId})")]
    private static partial void LogEmailConfirmationSent(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4012, EventName = "EmailConfirmed", Level = LogLevel.Information,
        Message = "{UserId} confirmed their email address from {ClientIp} ({TraceId})")]
    private static partial void LogEmailConfirmed(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4013, EventName = "EmailConfirmationFailed", Level = LogLevel.Warning,
        Message = "Email confirmation for {UserId} (address tag {AddressTag}) from {ClientIp} failed: {Reason} ({TraceId})")]
    private static partial void LogEmailConfirmationFailed(ILogger logger, string? userId, string? addressTag, AccountCodeFailure reason, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4014, EventName = "PasswordResetRequested", Level = LogLevel.Information,
        Message = "A password reset code for {UserId} was issued and its email queued, from {ClientIp} ({TraceId})")]
    private static partial void LogPasswordResetRequested(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4015, EventName = "PasswordReset", Level = LogLevel.Information,
        Message = "{UserId} reset their password with an emailed code from {ClientIp}; every session ended ({TraceId})")]
    private static partial void LogPasswordReset(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4016, EventName = "PasswordResetFailed", Level = LogLevel.Warning,
        Message = "Password reset for {UserId} (address tag {AddressTag}) from {ClientIp} failed: {Reason} ({TraceId})")]
    private static partial void LogPasswordResetFailed(ILogger logger, string? userId, string? addressTag, AccountCodeFailure reason, string? clientIp, string? traceId);
}
