using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Email;

/// <summary>The events the outbox's delivery writes (docs/logging.md): 2400–2405.</summary>
public sealed partial class EmailDeliveryService
{
    [LoggerMessage(EventId = 2400, EventName = "EmailSent", Level = LogLevel.Information,
        Message = "Delivered the {EmailKind} email {OutboxId} (attempt {Attempt}) to {Destination}")]
    private static partial void LogSent(ILogger logger, string emailKind, string outboxId, int attempt, string destination);

    // Never the exception itself: an SMTP server's answer may repeat the recipient's address.
    [LoggerMessage(EventId = 2401, EventName = "EmailDeliveryFailed", Level = LogLevel.Warning,
        Message = "Could not deliver the {EmailKind} email {OutboxId} (attempt {Attempt}); trying again in {RetryDelay}: {ErrorType} {SmtpStatus}")]
    private static partial void LogRetrying(ILogger logger, string emailKind, string outboxId, int attempt, TimeSpan retryDelay, string errorType, int? smtpStatus);

    [LoggerMessage(EventId = 2402, EventName = "EmailGivenUp", Level = LogLevel.Error,
        Message = "Gave up delivering the {EmailKind} email {OutboxId} after {Attempt} attempts: {ErrorType} {SmtpStatus}")]
    private static partial void LogGaveUp(ILogger logger, string emailKind, string outboxId, int attempt, string errorType, int? smtpStatus);

    [LoggerMessage(EventId = 2403, EventName = "EmailOutboxRoundFailed", Level = LogLevel.Warning,
        Message = "Could not read the email outbox; trying again at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2404, EventName = "EmailClaimLost", Level = LogLevel.Warning,
        Message = "Delivered the {EmailKind} email {OutboxId} after its claim ran out; another instance may deliver it again")]
    private static partial void LogClaimLost(ILogger logger, string emailKind, string outboxId);

    [LoggerMessage(EventId = 2405, EventName = "EmailClaimLostBeforeSend", Level = LogLevel.Information,
        Message = "Skipped the {EmailKind} email {OutboxId}: its claim ran out before its turn and another sender holds it")]
    private static partial void LogClaimLostBeforeSend(ILogger logger, string emailKind, string outboxId);
}
