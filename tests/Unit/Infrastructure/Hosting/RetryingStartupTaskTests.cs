using CleanAuth.Infrastructure.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Infrastructure.Hosting;

public sealed class RetryingStartupTaskTests
{
    [Fact]
    public async Task A_step_done_at_start_is_tried_once()
    {
        var clock = new FakeTimeProvider();
        using var step = new CountingStep(clock, succeedOnAttempt: 1);

        await step.StartAsync(default);
        clock.Advance(RetryingStartupTask.RetryDelay * 3);
        await step.StopAsync(default);

        step.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_step_that_cannot_finish_at_start_is_retried_on_the_injected_clock_until_it_does()
    {
        var clock = new FakeTimeProvider();
        using var step = new CountingStep(clock, succeedOnAttempt: 3);

        await step.StartAsync(default);
        step.Attempts.Should().Be(1, "the host waits for the first attempt only");

        clock.Advance(RetryingStartupTask.RetryDelay - TimeSpan.FromSeconds(1));
        (await step.WaitForAttemptsAsync(2, TimeSpan.FromMilliseconds(200))).Should().BeFalse("no retry before the delay");

        clock.Advance(TimeSpan.FromSeconds(1));
        (await step.WaitForAttemptsAsync(2, TimeSpan.FromSeconds(10))).Should().BeTrue();
        clock.Advance(RetryingStartupTask.RetryDelay);
        (await step.WaitForAttemptsAsync(3, TimeSpan.FromSeconds(10))).Should().BeTrue();

        clock.Advance(RetryingStartupTask.RetryDelay * 5);
        await step.StopAsync(default);
        step.Attempts.Should().Be(3, "a finished step is not run again");
    }

    [Fact]
    public async Task Stopping_the_host_ends_the_retries()
    {
        var clock = new FakeTimeProvider();
        using var step = new CountingStep(clock, succeedOnAttempt: int.MaxValue);

        await step.StartAsync(default);
        await step.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(RetryingStartupTask.RetryDelay * 3);

        step.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_disabled_step_never_runs()
    {
        using var step = new CountingStep(new FakeTimeProvider(), succeedOnAttempt: 1, enabled: false);

        await step.StartAsync(default);
        await step.StopAsync(default);

        step.Attempts.Should().Be(0);
    }

    private sealed class CountingStep(TimeProvider clock, int succeedOnAttempt, bool enabled = true) : RetryingStartupTask(clock)
    {
        private readonly SemaphoreSlim _attempted = new(0);
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        protected override bool IsEnabled => enabled;

        public async Task<bool> WaitForAttemptsAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Attempts < count)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _attempted.WaitAsync(left))
                {
                    return Attempts >= count;
                }
            }

            return true;
        }

        protected override Task<bool> TryRunAsync(CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            _attempted.Release();
            return Task.FromResult(attempt >= succeedOnAttempt);
        }
    }
}
