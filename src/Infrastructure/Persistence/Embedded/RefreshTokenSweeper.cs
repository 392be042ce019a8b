using Microsoft.Extensions.Hosting;
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
    ILogger<RefreshTokenSweeper> logger) : IHostedService, IDisposable
{
    /// <summary>Rows per DELETE: a statement holds the write lock for a few milliseconds at most.</summary>
    public const int BatchSize = 500;

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped twice under WebApplicationFactory, the second time after Dispose (ADR 0015).
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>One sweep; returns the number of rows deleted.</summary>
    public int SweepOnce() => tokens.SweepExpired(timeProvider.GetUtcNow() - StorageOptions.RefreshTokenRetention, BatchSize);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshTokenSweepInterval, timeProvider);
        do
        {
            try
            {
                var deleted = SweepOnce();
                if (deleted > 0)
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
        while (await Next(timer, cancellationToken));
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

    [LoggerMessage(EventId = 2310, EventName = "RefreshTokensSwept", Level = LogLevel.Information,
        Message = "Deleted {Rows} expired refresh-token rows from the embedded store")]
    private static partial void LogSwept(ILogger logger, int rows);

    [LoggerMessage(EventId = 2311, EventName = "RefreshTokenSweepFailed", Level = LogLevel.Warning,
        Message = "Could not sweep expired refresh tokens; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
