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
/// Readiness of the embedded store: a small write goes through. Reading would not do: LiteDB answers reads of
/// recently used pages from memory. A write whose log page cannot reach the disk makes LiteDB close its engine,
/// so this probe (or the next one) fails while the disk is gone. No checkpoint: it would take LiteDB's exclusive
/// lock and stall every request each time a probe came.
/// </summary>
public sealed class EmbeddedStoreHealthCheck(LiteStore store) : IHealthCheck
{
    private const string ProbeCollection = "health";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            store.Guard(() =>
            {
                store.Database.GetCollection(ProbeCollection).Upsert(new LiteDB.BsonDocument { ["_id"] = "probe", ["at"] = DateTime.UtcNow });
                return true;
            });
            return Task.FromResult(HealthCheckResult.Healthy("The embedded store can be written."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The embedded store cannot be read.", ex));
        }
    }
}
