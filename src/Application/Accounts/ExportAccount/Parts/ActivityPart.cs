using System.Runtime.CompilerServices;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary><c>activity.json</c>: the account's security activity (ADR 0054), newest first, read a page at a time.</summary>
public sealed class ActivityPart(IActivityLog log) : IAccountExportPart
{
    private const int PageSize = 500;

    public Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken) =>
        archive.WriteArrayAsync("activity.json", PagesAsync(user.Id, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<IReadOnlyList<ActivityRecord>> PagesAsync(UserId userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ActivityPosition? before = null;
        while (true)
        {
            var page = await log.ListAsync(userId, before, PageSize, cancellationToken);
            yield return [.. page.Select(e => new ActivityRecord(e.At, e.Kind, e.Outcome, e.ClientIp, e.UserAgent, e.SessionId))];
            if (page.Count < PageSize)
            {
                yield break;
            }

            before = page[^1].Position;
        }
    }

    // The same fields as GET /api/users/me/activity lists.
    public sealed record ActivityRecord(DateTimeOffset At, Common.ActivityKind Kind, Common.ActivityOutcome Outcome, string? ClientIp, string? UserAgent, string? SessionId);
}
