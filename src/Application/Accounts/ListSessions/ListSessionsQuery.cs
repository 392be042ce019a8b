using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Accounts.ListSessions;

/// <summary>The caller's live sessions, newest first (ADR 0053).</summary>
public sealed record ListSessionsQuery : IRequest<IReadOnlyList<SessionSummary>>, IRequireUser;

/// <summary>One live session of the caller; <paramref name="Current"/> marks the one the request's access token belongs to.</summary>
public sealed record SessionSummary(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? UserAgent, string? ClientIp, bool Current);

public sealed class ListSessionsQueryHandler(ICurrentUser currentUser, ICallerIdentity caller, IRefreshTokenStore sessions, TimeProvider timeProvider)
    : IRequestHandler<ListSessionsQuery, IReadOnlyList<SessionSummary>>
{
    public async Task<IReadOnlyList<SessionSummary>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var live = await sessions.ListSessionsAsync(currentUser.User.Id, timeProvider.GetUtcNow(), cancellationToken);
        return [.. live.Select(s => new SessionSummary(
            s.Id, s.CreatedAt, s.LastUsedAt, s.UserAgent, s.ClientIp, string.Equals(s.Id, caller.SessionId, StringComparison.OrdinalIgnoreCase)))];
    }
}
