using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.ExportAccount;

/// <summary>
/// The signed-in user's data, to take elsewhere (ADR 0055): needs a recent sign-in, since a stolen access token must
/// not be able to carry off the library. The answer is written later, part by part, as the client reads it.
/// </summary>
public sealed record ExportAccountQuery : IRequest<AccountExport>, IRequireRecentSignIn;

public sealed class ExportAccountQueryHandler(ICurrentUser currentUser, IEnumerable<IAccountExportPart> parts, SecurityEvents events)
    : IRequestHandler<ExportAccountQuery, AccountExport>
{
    public Task<AccountExport> Handle(ExportAccountQuery request, CancellationToken cancellationToken)
    {
        events.AccountExported(currentUser.User.Id);
        return Task.FromResult(new AccountExport(currentUser.User, [.. parts]));
    }
}

/// <summary>An export ready to be written: each part in turn, into one archive.</summary>
public sealed class AccountExport(User user, IReadOnlyList<IAccountExportPart> parts)
{
    public async Task WriteAsync(IExportArchive archive, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            await part.WriteAsync(user, archive, cancellationToken);
        }
    }
}
