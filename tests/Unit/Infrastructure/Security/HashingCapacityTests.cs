using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Security;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

/// <summary>Known devices have hashing slots of their own: anonymous guesses filling theirs cannot keep them out (ADR 0046).</summary>
public sealed class HashingCapacityTests : IDisposable
{
    private readonly HashingCapacity _capacity = new(MsOptions.Create(new PasswordOptions
    {
        MaxConcurrentHashes = 1,
        HashQueueLimit = 0,
        KnownDeviceHashes = 1,
        KnownDeviceQueueLimit = 0,
        HashQueueTimeout = TimeSpan.FromMilliseconds(50),
    }), TimeProvider.System);

    public void Dispose() => _capacity.Dispose();

    [Fact]
    public async Task With_the_anonymous_lane_full_a_known_device_is_admitted_and_another_anonymous_sign_in_is_not()
    {
        using var flood = await _capacity.EnterAsync(HashingLane.Anonymous, default);

        using var known = await _capacity.EnterAsync(HashingLane.KnownDevice, default);
        var anonymous = () => _capacity.EnterAsync(HashingLane.Anonymous, default);

        await anonymous.Should().ThrowAsync<ServiceBusyException>();
    }

    [Fact]
    public async Task The_known_device_lane_is_bounded_too_and_its_slot_comes_back()
    {
        var first = await _capacity.EnterAsync(HashingLane.KnownDevice, default);

        var second = () => _capacity.EnterAsync(HashingLane.KnownDevice, default);

        await second.Should().ThrowAsync<ServiceBusyException>();
        first.Dispose();
        using var again = await _capacity.EnterAsync(HashingLane.KnownDevice, default);
    }
}
