using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;

namespace CleanAuth.Infrastructure.Health;

/// <summary>Readiness of the MongoDB store: a <c>ping</c> answered within the server-selection timeout.</summary>
public sealed class MongoHealthCheck(MongoStore store) : IHealthCheck
{
    private static readonly BsonDocument Ping = new("ping", 1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy("MongoDB answered a ping.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The description is shown to anyone who can reach the probe: no host names, no driver text.
            return new HealthCheckResult(context.Registration.FailureStatus, "MongoDB cannot be reached.", ex);
        }
    }
}

/// <summary>
/// Readiness of the embedded store: a small write is committed. Reading would not do: SQLite answers reads of
/// recently used pages from its cache, and a write with <c>synchronous=FULL</c> reaches the disk before it returns.
/// </summary>
public sealed class EmbeddedStoreHealthCheck(SqliteStore store, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            store.Run(connection => connection.Execute(
                "INSERT INTO health (Id, CheckedAt) VALUES (1, @now) ON CONFLICT (Id) DO UPDATE SET CheckedAt = excluded.CheckedAt",
                ("@now", clock.GetUtcNow().UtcTicks)));
            return Task.FromResult(HealthCheckResult.Healthy("The embedded store can be written."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The embedded store cannot be written.", ex));
        }
    }
}
