using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary><c>sessions.json</c>: the live sessions as they are now (never a token or its hash).</summary>
public sealed class SessionsPart(IRefreshTokenStore store, TimeProvider timeProvider) : IAccountExportPart
{
    public Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken) =>
        archive.WriteArrayAsync("sessions.json", ExportJson.Once(ListAsync(user, cancellationToken)), cancellationToken);

    // The same fields as GET /api/users/me/sessions lists.
    private async Task<IReadOnlyList<Session>> ListAsync(User user, CancellationToken cancellationToken) =>
        await store.ListSessionsAsync(user.Id, timeProvider.GetUtcNow(), cancellationToken);
}
