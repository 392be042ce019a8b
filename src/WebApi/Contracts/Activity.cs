using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.ListActivity;
using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.WebApi.Contracts;

/// <summary>A page of an account's activity, newest first; <c>next</c> is the cursor of the following page, null on the last.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityItem> Items, string? Next)
{
    public static ActivityPage From(ActivityList list) => new([.. list.Items.Select(ActivityItem.From)], list.Next);
}

/// <summary>
/// One entry: when, what, how it ended, and the address and user agent of the request (null when an administrator
/// acted). <c>sessionId</c> is null where the session was not known.
/// </summary>
public sealed record ActivityItem(
    DateTimeOffset At, ActivityKind Kind, ActivityOutcome Outcome, string? ClientIp, string? UserAgent, string? SessionId)
{
    public static ActivityItem From(ActivityEntry entry) =>
        new(entry.At, entry.Kind, entry.Outcome, entry.ClientIp, entry.UserAgent, entry.SessionId);
}
