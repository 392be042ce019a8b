using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount;

/// <summary>
/// One part of the export (ADR 0055): a small writer of one entry (or, for covers, a folder of them). The parts run
/// in the order they are registered (AddApplication): adding one is one class and one line there.
/// </summary>
public interface IAccountExportPart
{
    Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken);
}
