using CleanAuth.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Creates the indexes at start-up. If MongoDB is not reachable yet the API still starts (and
/// answers 503 until it is) while this keeps retrying in the background.
/// </summary>
public sealed partial class MongoIndexInitializer(MongoStore store, ILogger<MongoIndexInitializer> logger) : RetryingStartupTask
{
    protected override async Task<bool> TryRunAsync(CancellationToken cancellationToken)
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
