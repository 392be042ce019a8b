using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// On MongoDB, which may be unreachable at start (ADR 0015), the key check runs at the first contact, retried in the
/// background until the store answers; a mismatch then stops the instance with exit code 1 and one line (ADR 0048).
/// </summary>
public sealed partial class TwoFactorKeyCheckTask(
    TwoFactorKeyCheck check, IHostApplicationLifetime lifetime, TimeProvider timeProvider, ILogger<TwoFactorKeyCheckTask> logger)
    : RetryingStartupTask(timeProvider)
{
    protected override async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await check.EnsureKeysOpenStoredSecretsAsync(cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            return false; // The store's own checks and the requests' 503s report the outage.
        }
        catch (TwoFactorKeyMismatchException ex)
        {
            LogMismatch(logger, ex.Message);
            Environment.ExitCode = 1;
            // Stopping while the host starts would cancel the other start-up steps mid-way: once started (at once if it is).
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }

        return true;
    }

    [LoggerMessage(EventId = 2010, EventName = "TwoFactorKeyMismatch", Level = LogLevel.Critical,
        Message = "CleanAuth stops: {Reason}")]
    private static partial void LogMismatch(ILogger logger, string reason);
}
