using CleanAuth.Application.Accounts.Common;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Hosting;

/// <summary>
/// Completes erasures that a crash interrupted (ADR 0055): once after start and then every
/// <see cref="StorageOptions.ErasureSweepInterval"/>. A marked account cannot sign in meanwhile, and every step
/// after the mark may run twice, so two instances sweeping at once (MongoDB) do no harm.
/// </summary>
public sealed partial class ErasureSweeper(
    IServiceScopeFactory scopes,
    IOptions<StorageOptions> options,
    TimeProvider timeProvider,
    ILogger<ErasureSweeper> logger) : BackgroundService
{
    /// <summary>One sweep; returns how many accounts it erased.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountErasure>().CompleteMarkedAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The embedded store's calls are synchronous: the first sweep must not hold up the host's start.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.ErasureSweepInterval, timeProvider);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
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

    [LoggerMessage(EventId = 2507, EventName = "ErasureSweepFailed", Level = LogLevel.Warning,
        Message = "Could not complete interrupted erasures; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
