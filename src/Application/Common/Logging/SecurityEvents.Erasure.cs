using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

// Erasure and export (ADR 0055): 2505–2509.
public sealed partial class SecurityEvents
{
    /// <summary>An account and everything it owned were erased, by its owner or an administrator.</summary>
    public void AccountErased(UserId userId, UserId byUserId) => LogAccountErased(logger, userId.Value, byUserId.Value, client.ClientIp, client.TraceId);

    /// <summary>The background sweep finished an erasure that a crash (or a lost connection) had interrupted.</summary>
    public void AccountErasureCompleted(UserId userId) => LogAccountErasureCompleted(logger, userId.Value, client.ClientIp, client.TraceId);

    /// <summary>The owner downloaded the export of their data.</summary>
    public void AccountExported(UserId userId) => LogAccountExported(logger, userId.Value, client.ClientIp, client.TraceId);

    [LoggerMessage(EventId = 2505, EventName = "AccountErased", Level = LogLevel.Warning,
        Message = "Account {UserId} and everything it owned erased by {ActorId} from {ClientIp} ({TraceId})")]
    private static partial void LogAccountErased(ILogger logger, string userId, string actorId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 2506, EventName = "AccountErasureCompleted", Level = LogLevel.Warning,
        Message = "The interrupted erasure of account {UserId} was completed by the background sweep ({ClientIp}, {TraceId})")]
    private static partial void LogAccountErasureCompleted(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 2508, EventName = "AccountExported", Level = LogLevel.Information,
        Message = "{UserId} exported their data from {ClientIp} ({TraceId})")]
    private static partial void LogAccountExported(ILogger logger, string userId, string? clientIp, string? traceId);
}
