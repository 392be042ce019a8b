using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary>
/// <c>activity.json</c>: the account's security activity, newest first. An empty list until the activity store
/// (issue 23's Activity) is merged: then this part reads its pages, as <see cref="BooksPart"/> reads books.
/// </summary>
public sealed class ActivityPart : IAccountExportPart
{
    public Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken) =>
        archive.WriteArrayAsync("activity.json", ExportJson.Once(Task.FromResult<IReadOnlyList<object>>([])), cancellationToken);
}
