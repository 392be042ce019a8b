using Microsoft.Extensions.Hosting;

namespace CleanAuth.Infrastructure.Hosting;

/// <summary>
/// A start-up step that must not stop the API from starting: it is tried once while the host starts and,
/// if it could not finish (typically because the store is not reachable yet), retried in the background
/// until it does or the host stops.
/// </summary>
public abstract class RetryingStartupTask : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;

    /// <summary>False to skip the step entirely (for example when it is not configured).</summary>
    protected virtual bool IsEnabled => true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsEnabled && !await TryRunAsync(cancellationToken))
        {
            _retries = RetryUntilDoneAsync(_stopping.Token);
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

    private async Task RetryUntilDoneAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(RetryDelay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!cancellationToken.IsCancellationRequested && await TryRunAsync(cancellationToken))
            {
                return;
            }
        }
    }
}
