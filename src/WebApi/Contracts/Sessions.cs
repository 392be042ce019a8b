using CleanAuth.Application.Accounts.ListSessions;

namespace CleanAuth.WebApi.Contracts;

/// <summary>One live session of the signed-in user (ADR 0053).</summary>
/// <param name="Id">The session id; the access tokens of the session carry it as <c>sid</c>.</param>
/// <param name="CreatedAt">When the sign-in started it.</param>
/// <param name="LastUsedAt">Its latest refresh (its start if never refreshed).</param>
/// <param name="UserAgent">The sign-in's <c>User-Agent</c> as sent, at most 256 characters; null for sessions from before it was kept.</param>
/// <param name="ClientIp">The sign-in's client address as the API saw it; null for sessions from before it was kept.</param>
/// <param name="Current">True for the session the request's access token belongs to.</param>
public sealed record SessionResponse(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? UserAgent, string? ClientIp, bool Current)
{
    public static SessionResponse From(SessionSummary session) =>
        new(session.Id, session.CreatedAt, session.LastUsedAt, session.UserAgent, session.ClientIp, session.Current);
}
