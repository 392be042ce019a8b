using Microsoft.Extensions.Hosting;
using Polly;
using Polly.Retry;

namespace CleanAuth.Infrastructure.Hosting;

/// <summary>
/// A start-up step that must not stop the API from starting: it is tried once while the host starts and,
/// if it could not finish (typically because the store is not reachable yet), retried in the background
/// every <see cref="RetryDelay"/> on the injected clock until it does or the host stops.
/// </summary>
public abstract class RetryingStartupTask(TimeProvider timeProvider) : IHostedService, IDisposable
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    private readonly ResiliencePipeline<bool> _untilDone = new ResiliencePipelineBuilder<bool> { TimeProvider = timeProvider }
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome is { Exception: null, Result: false }),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Constant,
            Delay = RetryDelay,
            UseJitter = false,
        })
        .Build();

    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;

    /// <summary>False to skip the step entirely (for example when it is not configured).</summary>
    protected virtual bool IsEnabled => true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        // The host waits for the first attempt only; the pipeline goes on with the rest in the background.
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _retries = _untilDone.ExecuteAsync(
            async token =>
            {
                try
                {
                    return await TryRunAsync(token);
                }
                finally
                {
                    firstAttempt.TrySetResult();
                }
            },
            _stopping.Token).AsTask();
        await firstAttempt.Task.WaitAsync(cancellationToken);
        if (_retries.IsFaulted)
        {
            await _retries;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host can be stopped twice (WebApplicationFactory stops it, and so does the entry point's Run()
        // returning), the second time after Dispose; there is nothing left to stop then.
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (_retries is not null)
        {
            await _retries.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the step once: true when it is done (or retrying cannot help), false to try again later.</summary>
    protected abstract Task<bool> TryRunAsync(CancellationToken cancellationToken);
}
