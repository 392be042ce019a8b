using System.Threading.RateLimiting;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// Password hashing with bounded concurrency and a bounded wait (<c>Passwords:MaxConcurrentHashes</c>,
/// <c>HashQueueLimit</c>, <c>HashQueueTimeout</c>), first come first served: a sign-in waits behind at most the
/// queue's length of hashes, and what cannot be served in time gets 503 at once. Not partitioned by client
/// address: behind a proxy every client has the proxy's address, and one slot per address would starve them all.
/// </summary>
public sealed class HashingCapacity : IHashingCapacity, IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _timeout;

    public HashingCapacity(IOptions<PasswordHashingOptions> options)
    {
        var limits = options.Value;
        _timeout = limits.HashQueueTimeout;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentHashes,
            QueueLimit = limits.HashQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task<IDisposable> EnterAsync(string? client, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_timeout);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Busy();
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw Busy();
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();

    private static ServiceBusyException Busy() => new("Too many sign-ins are being checked right now; retry shortly.");
}
