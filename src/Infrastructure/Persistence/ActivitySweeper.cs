using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// Deletes account activity older than <see cref="AccountOptions.ActivityRetention"/> on either store (ADR 0054),
/// once after start and then every hour, in batches of <see cref="BatchSize"/>: each delete holds the embedded
/// store's write lock for milliseconds at most.
/// </summary>
public sealed partial class ActivitySweeper(
    IActivityLog activity, IOptions<AccountOptions> options, TimeProvider timeProvider, ILogger<ActivitySweeper> logger) : PeriodicSweep(timeProvider)
{
    public const int BatchSize = 500;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>One round: batches until one comes back short; returns the number of entries deleted.</summary>
    public async Task<long> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var olderThan = Clock.GetUtcNow() - options.Value.ActivityRetention;
        long total = 0;
        long deleted;
        do
        {
            deleted = await activity.SweepAsync(olderThan, BatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (await SweepOnceAsync(cancellationToken) is > 0 and var deleted)
        {
            LogSwept(logger, deleted);
        }
    }

    protected override void LogSweepFailed(Exception exception) => LogSweepFailed(logger, exception);

    [LoggerMessage(EventId = 2503, EventName = "ActivitySwept", Level = LogLevel.Information,
        Message = "Deleted {Entries} account activity entries older than the retention")]
    private static partial void LogSwept(ILogger logger, long entries);

    [LoggerMessage(EventId = 2504, EventName = "ActivitySweepFailed", Level = LogLevel.Warning,
        Message = "Could not sweep old account activity; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
