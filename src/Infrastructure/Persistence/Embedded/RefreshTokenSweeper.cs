using CleanAuth.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Deletes refresh tokens and families of the embedded store once their family has been over for
/// <see cref="StorageOptions.RefreshTokenRetention"/> — what MongoDB's TTL indexes do for its collections. Runs once
/// after start and then every <see cref="StorageOptions.RefreshTokenSweepInterval"/>, in bounded batches.
/// </summary>
public sealed partial class RefreshTokenSweeper(
    SqliteRefreshTokenStore tokens,
    IOptions<StorageOptions> options,
    TimeProvider timeProvider,
    ILogger<RefreshTokenSweeper> logger) : PeriodicSweep(timeProvider)
{
    /// <summary>Rows per DELETE: a statement holds the write lock for a few milliseconds at most.</summary>
    public const int BatchSize = 500;

    protected override TimeSpan Interval => options.Value.RefreshTokenSweepInterval;

    /// <summary>One sweep; returns the number of rows deleted.</summary>
    public int SweepOnce() => tokens.SweepExpired(Clock.GetUtcNow() - StorageOptions.RefreshTokenRetention, BatchSize);

    protected override Task SweepAsync(CancellationToken cancellationToken)
    {
        if (SweepOnce() is > 0 and var deleted)
        {
            LogSwept(logger, deleted);
        }

        return Task.CompletedTask;
    }

    protected override void LogSweepFailed(Exception exception) => LogSweepFailed(logger, exception);

    [LoggerMessage(EventId = 2310, EventName = "RefreshTokensSwept", Level = LogLevel.Information,
        Message = "Deleted {Rows} expired refresh-token rows from the embedded store")]
    private static partial void LogSwept(ILogger logger, int rows);

    [LoggerMessage(EventId = 2311, EventName = "RefreshTokenSweepFailed", Level = LogLevel.Warning,
        Message = "Could not sweep expired refresh tokens; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
