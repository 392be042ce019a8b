using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

// Sessions (ADR 0053): ids 2500–2502.
public sealed partial class SecurityEvents
{
    /// <summary>A user ended one of their sessions by its id; <paramref name="current"/> when it was the caller's own (a logout).</summary>
    public void SessionEnded(UserId userId, string sessionId, bool current) =>
        LogSessionEnded(logger, userId.Value, sessionId, current, client.ClientIp, client.TraceId);

    [LoggerMessage(EventId = 2500, EventName = "SessionEnded", Level = LogLevel.Information,
        Message = "{UserId} ended session {SessionId} (current: {Current}) from {ClientIp}; its tokens stop at once ({TraceId})")]
    private static partial void LogSessionEnded(ILogger logger, string userId, string sessionId, bool current, string? clientIp, string? traceId);
}
