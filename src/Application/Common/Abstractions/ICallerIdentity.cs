namespace CleanAuth.Application.Common.Abstractions;

/// <summary>What the caller's validated access token says about them; nothing is loaded from storage.</summary>
public interface ICallerIdentity
{
    /// <summary>The token's <c>sub</c>, or null for an anonymous caller.</summary>
    string? UserId { get; }

    /// <summary>The security stamp the token was issued under.</summary>
    string? SecurityStamp { get; }

    /// <summary>The token's <c>sid</c>: the session it belongs to. Null for tokens issued before ADR 0053, which are not checked against a session.</summary>
    string? SessionId { get; }

    /// <summary>
    /// The token's <c>auth_time</c>: when the sign-in that started its session happened (a refresh keeps it). Null
    /// when the token carries none (a session from before the claim existed), which never counts as recent.
    /// </summary>
    DateTimeOffset? AuthTime { get; }
}
