using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary><c>sessions.json</c>: the live sessions as they are now (never a token or its hash).</summary>
public sealed class SessionsPart(IRefreshTokenStore store, TimeProvider timeProvider) : IAccountExportPart
{
    public Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken) =>
        archive.WriteArrayAsync("sessions.json", ExportJson.Once(ListAsync(user, cancellationToken)), cancellationToken);

    private async Task<IReadOnlyList<SessionRecord>> ListAsync(User user, CancellationToken cancellationToken) =>
        [.. (await store.ListLiveSessionsAsync(user.Id, timeProvider.GetUtcNow(), cancellationToken))
            .Select(s => new SessionRecord(s.Id, s.CreatedAt, s.LastUsedAt, s.SignedInAt, s.ExpiresAt, UserAgent: null, ClientIp: null))];

    // UserAgent and ClientIp: kept per session by the sessions work (issue 23); null until then.
    public sealed record SessionRecord(
        string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset? SignedInAt, DateTimeOffset ExpiresAt,
        string? UserAgent, string? ClientIp);
}
