using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit;

public sealed class UserLockoutTests
{
    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_fifth_consecutive_failure_locks_until_five_minutes_later_and_failures_while_locked_change_nothing()
    {
        var user = TestUsers.New();
        var now = TestUsers.Epoch;

        for (var i = 1; i <= 4; i++)
        {
            user.RecordFailedLogin(now, 5, Five).Should().BeFalse();
            user.FailedLoginCount.Should().Be(i);
        }

        user.RecordFailedLogin(now, 5, Five).Should().BeTrue();
        user.LockoutEnd.Should().Be(now + Five);
        user.FailedLoginCount.Should().Be(0);
        user.IsLockedOut(now.AddMinutes(4)).Should().BeTrue();
        user.RecordFailedLogin(now.AddMinutes(1), 5, Five).Should().BeFalse();
        user.FailedLoginCount.Should().Be(0);
        user.IsLockedOut(now + Five).Should().BeFalse();
    }

    [Fact]
    public void A_success_resets_the_count_and_records_the_login_time()
    {
        var user = TestUsers.New();
        user.RecordFailedLogin(TestUsers.Epoch, 5, Five);

        user.RecordSuccessfulLogin(TestUsers.Epoch.AddTicks(12345));

        user.FailedLoginCount.Should().Be(0);
        user.LastLoginAt.Should().Be(TestUsers.Epoch.AddTicks(12345 - (12345 % TimeSpan.TicksPerMillisecond)));
    }
}
