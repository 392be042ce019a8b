using System.Threading.RateLimiting;
using CleanAuth.Application.Common.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// Password hashing with bounded concurrency and a bounded wait (<c>Passwords:MaxConcurrentHashes</c>,
/// <c>HashQueueLimit</c>, <c>HashQueueTimeout</c>), first come first served: a sign-in waits behind at most the
/// queue's length of hashes, and what cannot be served in time gets 503 at once. Not partitioned by client
/// address: behind a proxy every client has the proxy's address, and one slot per address would starve them all.
/// Sign-ins from known devices have slots and a queue of their own (<c>KnownDeviceHashes</c>,
/// <c>KnownDeviceQueueLimit</c>), which anonymous guesses never wait in (ADR 0046).
/// </summary>
public sealed class HashingCapacity : IHashingCapacity, IDisposable
{
    private readonly ConcurrencyLimiter _anonymous;
    private readonly ConcurrencyLimiter _knownDevices;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public HashingCapacity(IOptions<PasswordOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var limits = options.Value;
        _timeout = limits.HashQueueTimeout;
        _anonymous = Limiter(limits.MaxConcurrentHashes, limits.HashQueueLimit);
        _knownDevices = Limiter(limits.KnownDeviceHashes, limits.KnownDeviceQueueLimit);
    }

    public Task<IDisposable> EnterAsync(HashingLane lane, CancellationToken cancellationToken)
    {
        var limiter = lane == HashingLane.KnownDevice ? _knownDevices : _anonymous;
        return limiter.AcquireOrBusyAsync(1, _timeout, _timeProvider, Busy, cancellationToken);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _knownDevices.Dispose();
    }

    private static ConcurrencyLimiter Limiter(int slots, int queue) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = slots,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private const string Busy = "Too many sign-ins are being checked right now; retry shortly.";
}
