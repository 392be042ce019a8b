using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// Deletes account activity older than <see cref="AccountOptions.ActivityRetention"/> on either store (ADR 0054),
/// once after start and then every <see cref="Interval"/>, in batches of <see cref="BatchSize"/>: each delete holds
/// the embedded store's write lock for milliseconds at most.
/// </summary>
public sealed partial class ActivitySweeper(
    IActivityLog activity, IOptions<AccountOptions> options, TimeProvider timeProvider, ILogger<ActivitySweeper> logger) : BackgroundService
{
    public const int BatchSize = 500;

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One round: batches until one comes back short; returns the number of entries deleted.</summary>
    public async Task<long> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var olderThan = timeProvider.GetUtcNow() - options.Value.ActivityRetention;
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            try
            {
                if (await SweepOnceAsync(stoppingToken) is > 0 and var deleted)
                {
                    LogSwept(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Typically the store is down (a 503 for requests meanwhile); the next round tries again.
                LogSweepFailed(logger, ex);
            }
        }
        while (await Next(timer, stoppingToken));
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2503, EventName = "ActivitySwept", Level = LogLevel.Information,
        Message = "Deleted {Entries} account activity entries older than the retention")]
    private static partial void LogSwept(ILogger logger, long entries);

    [LoggerMessage(EventId = 2504, EventName = "ActivitySweepFailed", Level = LogLevel.Warning,
        Message = "Could not sweep old account activity; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
