namespace CleanAuth.Application.Common.Abstractions;

/// <summary>What the caller's validated access token says about them; nothing is loaded from storage.</summary>
public interface ICallerIdentity
{
    /// <summary>The token's <c>sub</c>, or null for an anonymous caller.</summary>
    string? UserId { get; }

    /// <summary>The security stamp the token was issued under.</summary>
    string? SecurityStamp { get; }
}
