using CleanAuth.Application.Accounts.Common;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
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
    ILogger<ErasureSweeper> logger) : PeriodicSweep(timeProvider)
{
    protected override TimeSpan Interval => options.Value.ErasureSweepInterval;

    /// <summary>One sweep; returns how many accounts it erased.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountErasure>().CompleteMarkedAsync(cancellationToken);
    }

    // Each erasure it completes logs its own event (AccountErasureCompleted).
    protected override Task SweepAsync(CancellationToken cancellationToken) => SweepOnceAsync(cancellationToken);

    protected override void LogSweepFailed(Exception exception) => LogSweepFailed(logger, exception);

    [LoggerMessage(EventId = 2507, EventName = "ErasureSweepFailed", Level = LogLevel.Warning,
        Message = "Could not complete interrupted erasures; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
