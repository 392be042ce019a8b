using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Creates the indexes at start-up. If MongoDB is not reachable yet the API still starts (and
/// answers 503 until it is) while this keeps retrying in the background.
/// </summary>
public sealed partial class MongoIndexInitializer(MongoStore store, ILogger<MongoIndexInitializer> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;
    private volatile bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryCreateAsync(cancellationToken))
        {
            _retries = RetryUntilCreatedAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down out of order (a test server disposed before it is stopped) may dispose this first.
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_retries is not null)
        {
            await _retries.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
    }

    private async Task RetryUntilCreatedAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(RetryDelay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!cancellationToken.IsCancellationRequested && await TryCreateAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateIndexesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogIndexCreationFailed(logger, ex);
            return false;
        }
    }

    [LoggerMessage(EventId = 2100, EventName = "MongoIndexCreationFailed", Level = LogLevel.Error,
        Message = "Could not create the MongoDB indexes; retrying in the background")]
    private static partial void LogIndexCreationFailed(ILogger logger, Exception exception);
}
