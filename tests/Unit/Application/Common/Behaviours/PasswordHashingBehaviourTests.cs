using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class PasswordHashingBehaviourTests
{
    private sealed record Hashing : IRequest<int>, IHashesPassword;

    private sealed record Plain : IRequest<int>;

    private sealed record SignIn(string Email) : IRequest<int>, ISignInToAddress;

    /// <summary>Knows one token, for one address.</summary>
    private sealed class Devices : IDeviceTokens
    {
        public string Issue(string email) => throw new NotSupportedException();

        public bool IsValidFor(string? token, string email) => token == "ann's device" && email == "ann@example.com";
    }

    private sealed class Capacity(bool busy) : IHashingCapacity
    {
        public List<HashingLane> Entered { get; } = [];

        public int Held { get; private set; }

        public Task<IDisposable> EnterAsync(HashingLane lane, CancellationToken cancellationToken)
        {
            if (busy)
            {
                throw new ServiceBusyException("busy");
            }

            Entered.Add(lane);
            Held++;
            return Task.FromResult<IDisposable>(new Slot(() => Held--));
        }

        private sealed class Slot(Action release) : IDisposable
        {
            public void Dispose() => release();
        }
    }

    private sealed class Client(string? deviceToken = null) : IClientContext
    {
        public string? ClientIp => "203.0.113.9";

        public string? TraceId => null;

        public string? UserAgent => null;

        public string? DeviceToken => deviceToken;
    }

    [Fact]
    public async Task A_request_that_hashes_runs_inside_a_slot_that_is_freed_afterwards()
    {
        var capacity = new Capacity(busy: false);
        var heldDuringHandler = -1;

        var result = await new PasswordHashingBehaviour<Hashing, int>(capacity, new Client(), new Devices())
            .Handle(new Hashing(), default, () => { heldDuringHandler = capacity.Held; return Task.FromResult(7); });

        result.Should().Be(7);
        heldDuringHandler.Should().Be(1);
        capacity.Held.Should().Be(0);
        capacity.Entered.Should().Equal(HashingLane.Anonymous);
    }

    [Fact]
    public async Task Other_requests_take_no_slot_and_a_busy_capacity_refuses_before_the_handler()
    {
        var plain = await new PasswordHashingBehaviour<Plain, int>(new Capacity(busy: true), new Client(), new Devices())
            .Handle(new Plain(), default, () => Task.FromResult(1));
        var handlerRan = false;

        var busy = () => new PasswordHashingBehaviour<Hashing, int>(new Capacity(busy: true), new Client(), new Devices())
            .Handle(new Hashing(), default, () => { handlerRan = true; return Task.FromResult(1); });

        plain.Should().Be(1);
        await busy.Should().ThrowAsync<ServiceBusyException>();
        handlerRan.Should().BeFalse();
    }

    [Theory]
    [InlineData("ann@example.com", "ann's device", HashingLane.KnownDevice)]
    [InlineData("ann@example.com", null, HashingLane.Anonymous)]
    [InlineData("ann@example.com", "a forged token", HashingLane.Anonymous)]
    [InlineData("bob@example.com", "ann's device", HashingLane.Anonymous)]
    public async Task A_sign_in_waits_in_the_known_device_lane_only_with_a_valid_token_for_its_own_address(string email, string? token, HashingLane expected)
    {
        var capacity = new Capacity(busy: false);

        await new PasswordHashingBehaviour<SignIn, int>(capacity, new Client(token), new Devices())
            .Handle(new SignIn(email), default, () => Task.FromResult(1));

        capacity.Entered.Should().Equal(expected);
    }

    [Fact]
    public async Task Other_hashing_requests_stay_anonymous_whatever_token_comes_with_them()
    {
        var capacity = new Capacity(busy: false);

        await new PasswordHashingBehaviour<Hashing, int>(capacity, new Client("ann's device"), new Devices())
            .Handle(new Hashing(), default, () => Task.FromResult(1));

        capacity.Entered.Should().Equal(HashingLane.Anonymous);
    }
}
