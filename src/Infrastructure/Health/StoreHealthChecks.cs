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
/// A successful write stands for <see cref="WriteInterval"/> (on the injected clock): probes within it do not take
/// the store's single writer, so anyone who can reach <c>/health/ready</c> cannot use it to time other writers
/// (ADR 0042). A failure is not kept: every probe during an outage tries again, so readiness turns green as soon as
/// the file can be written.
/// </summary>
public sealed class EmbeddedStoreHealthCheck(SqliteStore store, TimeProvider clock) : IHealthCheck
{
    /// <summary>How long a successful write answers for the store; far below any orchestrator's probe period.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private DateTimeOffset _writtenAt = DateTimeOffset.MinValue;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // One probe writes at a time; the others wait for it and take its answer rather than writing again.
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                if (now - _writtenAt >= WriteInterval || now < _writtenAt)
                {
                    store.Run(connection => connection.Execute(
                        "INSERT INTO health (Id, CheckedAt) VALUES (1, @now) ON CONFLICT (Id) DO UPDATE SET CheckedAt = excluded.CheckedAt",
                        ("@now", now.UtcTicks)));
                    _writtenAt = now;
                }
            }

            return Task.FromResult(HealthCheckResult.Healthy("The embedded store can be written."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The embedded store cannot be written.", ex));
        }
    }
}
