namespace CleanAuth.Application.Common.Exceptions;

/// <summary>
/// The caller is signed in, but not recently enough for this request (401 with a <c>type</c> of its own and, from the
/// web layer, RFC 9470's <c>insufficient_user_authentication</c> challenge with <c>max_age</c>): sign in again, then
/// repeat the call.
/// </summary>
public sealed class RecentSignInRequiredException(TimeSpan maxAge)
    : RejectionException(RejectionKind.Unauthorized, $"This requires a sign-in within the last {(int)maxAge.TotalSeconds} seconds. Sign in again, then repeat the request.")
{
    public const string Type = "urn:cleanauth:problem:recent-sign-in-required";

    /// <summary>How old the session's sign-in may be, in whole seconds: RFC 9470's <c>max_age</c>.</summary>
    public int MaxAgeSeconds { get; } = (int)maxAge.TotalSeconds;

    public override string? ProblemType => Type;
}
