using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Images;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Infrastructure.Images;

/// <summary>The decode budget counts bytes of decoded pixels, waits a bounded time for room, and then refuses (503).</summary>
public sealed class DecodeBudgetTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly DecodeBudget _budget = new(new CoverLimits { DecodeBudgetMegabytes = 10, DecodeQueueTimeout = TimeSpan.FromMilliseconds(50) });

    public void Dispose() => _budget.Dispose();

    [Fact]
    public async Task Reservations_that_fit_together_are_all_granted()
    {
        using var first = await _budget.ReserveAsync(4 * MiB, default);
        using var second = await _budget.ReserveAsync(4 * MiB, default);
        using var third = await _budget.ReserveAsync((2 * MiB) - 1, default);
    }

    [Fact]
    public async Task A_reservation_that_does_not_fit_in_time_is_refused_as_busy()
    {
        using var held = await _budget.ReserveAsync(8 * MiB, default);

        var act = () => _budget.ReserveAsync(3 * MiB, default);

        (await act.Should().ThrowAsync<ServiceBusyException>()).Which.Message.Should().Contain("retry shortly");
    }

    [Fact]
    public async Task A_waiting_reservation_is_granted_when_room_is_given_back()
    {
        using var budget = new DecodeBudget(new CoverLimits { DecodeBudgetMegabytes = 10, DecodeQueueTimeout = TimeSpan.FromSeconds(30) });
        var held = await budget.ReserveAsync(8 * MiB, default);

        var waiting = budget.ReserveAsync(3 * MiB, default);
        waiting.IsCompleted.Should().BeFalse("8 + 3 MiB do not fit in 10");
        held.Dispose();

        using var granted = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_wait_for_room_runs_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        using var budget = new DecodeBudget(new CoverLimits { DecodeBudgetMegabytes = 10, DecodeQueueTimeout = TimeSpan.FromSeconds(30) }, clock);
        using var held = await budget.ReserveAsync(8 * MiB, default);

        var waiting = budget.ReserveAsync(3 * MiB, default);
        clock.Advance(TimeSpan.FromSeconds(29));
        waiting.IsCompleted.Should().BeFalse("the 30 s have not passed on the injected clock");
        clock.Advance(TimeSpan.FromSeconds(1));

        await waiting.Awaiting(w => w.WaitAsync(TimeSpan.FromSeconds(20))).Should().ThrowAsync<ServiceBusyException>();
    }

    [Theory]
    [InlineData(305 * MiB)]
    [InlineData(long.MaxValue)]
    public async Task A_reservation_larger_than_the_whole_budget_takes_all_of_it_instead_of_being_refused(long bytes)
    {
        using (var alone = await _budget.ReserveAsync(bytes, default))
        {
            var act = () => _budget.ReserveAsync(1, default);

            await act.Should().ThrowAsync<ServiceBusyException>("the oversized cover holds the whole budget while it decodes");
        }

        using var after = await _budget.ReserveAsync(10 * MiB, default);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_waiting_is_cancelled_not_refused()
    {
        using var held = await _budget.ReserveAsync(10 * MiB, default);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _budget.ReserveAsync(MiB, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
