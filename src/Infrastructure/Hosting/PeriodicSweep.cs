using Microsoft.Extensions.Hosting;

namespace CleanAuth.Infrastructure.Hosting;

/// <summary>
/// A background sweep: one round once after start and then every <see cref="Interval"/> on the injected clock (a
/// test's fake clock drives it), until the host stops. A round that fails is logged and left to the next one.
/// </summary>
public abstract class PeriodicSweep(TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The clock the rounds run on; a round reads "now" from it too.</summary>
    protected TimeProvider Clock { get; } = timeProvider;

    /// <summary>Read when the loop starts, so options are read after they were validated.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round, logging what it did.</summary>
    protected abstract Task SweepAsync(CancellationToken cancellationToken);

    /// <summary>A round failed; typically the store is down (a 503 for requests meanwhile).</summary>
    protected abstract void LogSweepFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The embedded store's calls are synchronous: the first round must not hold up the host's start.
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken cancellationToken)
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
}
