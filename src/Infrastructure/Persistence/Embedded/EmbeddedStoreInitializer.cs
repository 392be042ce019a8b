using CleanAuth.Application.Common.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Opens the embedded store when the API starts, so that an old data file is imported (and logged) before the
/// first request. A disk that cannot be used yet does not stop the start: requests get 503 and the store opens
/// on the first call that finds the disk back.
/// </summary>
public sealed partial class EmbeddedStoreInitializer(SqliteStore store, ILogger<EmbeddedStoreInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            store.EnsureReady();
        }
        catch (StorageUnavailableException ex)
        {
            LogNotReady(logger, ex);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2301, EventName = "EmbeddedStoreNotReady", Level = LogLevel.Error,
        Message = "The embedded store cannot be opened yet; requests get 503 until it can")]
    private static partial void LogNotReady(ILogger logger, Exception exception);
}
