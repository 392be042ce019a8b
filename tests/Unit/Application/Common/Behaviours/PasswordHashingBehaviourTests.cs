using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class PasswordHashingBehaviourTests
{
    private sealed record Hashing : IRequest<int>, IHashesPassword;

    private sealed record Plain : IRequest<int>;

    private sealed class Capacity(bool busy) : IHashingCapacity
    {
        public List<string?> Entered { get; } = [];

        public int Held { get; private set; }

        public Task<IDisposable> EnterAsync(string? client, CancellationToken cancellationToken)
        {
            if (busy)
            {
                throw new ServiceBusyException("busy");
            }

            Entered.Add(client);
            Held++;
            return Task.FromResult<IDisposable>(new Slot(() => Held--));
        }

        private sealed class Slot(Action release) : IDisposable
        {
            public void Dispose() => release();
        }
    }

    private sealed class Client : IClientContext
    {
        public string? ClientIp => "203.0.113.9";

        public string? TraceId => null;
    }

    [Fact]
    public async Task A_request_that_hashes_runs_inside_a_slot_that_is_freed_afterwards()
    {
        var capacity = new Capacity(busy: false);
        var heldDuringHandler = -1;

        var result = await new PasswordHashingBehaviour<Hashing, int>(capacity, new Client())
            .Handle(new Hashing(), default, () => { heldDuringHandler = capacity.Held; return Task.FromResult(7); });

        result.Should().Be(7);
        heldDuringHandler.Should().Be(1);
        capacity.Held.Should().Be(0);
        capacity.Entered.Should().Equal("203.0.113.9");
    }

    [Fact]
    public async Task Other_requests_take_no_slot_and_a_busy_capacity_refuses_before_the_handler()
    {
        var plain = await new PasswordHashingBehaviour<Plain, int>(new Capacity(busy: true), new Client())
            .Handle(new Plain(), default, () => Task.FromResult(1));
        var handlerRan = false;

        var busy = () => new PasswordHashingBehaviour<Hashing, int>(new Capacity(busy: true), new Client())
            .Handle(new Hashing(), default, () => { handlerRan = true; return Task.FromResult(1); });

        plain.Should().Be(1);
        await busy.Should().ThrowAsync<ServiceBusyException>();
        handlerRan.Should().BeFalse();
    }
}
