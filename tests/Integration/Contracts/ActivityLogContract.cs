using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="IActivityLog"/> must do (ADR 0054); each adapter and the fake run this same suite.</summary>
public abstract class ActivityLogContract
{
    private const int Limit = 10;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IActivityLog Log { get; }

    private UserId NewUser() => UserId.From(_ids.NewId());

    private ActivityEntry Entry(UserId user, DateTimeOffset at, ActivityOutcome outcome = ActivityOutcome.Succeeded, ActivityKind kind = ActivityKind.SignIn) =>
        new(_ids.NewId(), user, at, kind, outcome, "203.0.113.7", "Test/1.0", null);

    private Task Record(ActivityEntry entry) => Log.RecordAsync(entry, Limit, default);

    private async Task<List<ActivityEntry>> AllAsync(UserId user) => [.. await Log.ListAsync(user, null, 1000, default)];

    [StoreFact]
    public async Task An_entry_reads_back_as_recorded()
    {
        var user = NewUser();
        var entry = new ActivityEntry(_ids.NewId(), user, Now, ActivityKind.TwoFactorReset, ActivityOutcome.Succeeded, null, null, "session-1");
        var failure = new ActivityEntry(_ids.NewId(), user, Now.AddSeconds(1), ActivityKind.SignIn, ActivityOutcome.WrongSecondFactor, "2001:db8::1", "Mozilla/5.0 (X11)", null);
        await Record(entry);
        await Record(failure);

        (await AllAsync(user)).Should().Equal(failure, entry);
    }

    [StoreFact]
    public async Task A_user_reads_only_their_own_entries_newest_first_and_pages_do_not_overlap()
    {
        var (user, other) = (NewUser(), NewUser());
        var mine = new List<ActivityEntry>();
        for (var i = 0; i < 7; i++)
        {
            // Two entries per instant: the id orders entries of the same instant.
            var entry = Entry(user, Now.AddMilliseconds(i / 2), i % 3 == 0 ? ActivityOutcome.WrongPassword : ActivityOutcome.Succeeded);
            mine.Add(entry);
            await Record(entry);
            await Record(Entry(other, Now.AddMilliseconds(i)));
        }

        var expected = mine.OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();
        var first = await Log.ListAsync(user, null, 3, default);
        var second = await Log.ListAsync(user, first[^1].Position, 3, default);
        var third = await Log.ListAsync(user, second[^1].Position, 3, default);

        first.Concat(second).Concat(third).Should().Equal(expected);
        third.Should().HaveCount(1);
        (await Log.ListAsync(user, third[^1].Position, 3, default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Failures_beyond_the_limit_are_trimmed_oldest_first_and_successes_are_kept()
    {
        var user = NewUser();
        var failures = new List<ActivityEntry>();
        for (var i = 0; i < Limit + 5; i++)
        {
            await Record(Entry(user, Now.AddSeconds(i), kind: ActivityKind.PasswordChanged));
            var failure = Entry(user, Now.AddSeconds(i), ActivityOutcome.WrongPassword);
            failures.Add(failure);
            await Record(failure);
        }

        var kept = await AllAsync(user);
        kept.Where(e => e.IsFailure).Should().Equal(failures.AsEnumerable().Reverse().Take(Limit), "the newest failures stay");
        kept.Count(e => !e.IsFailure).Should().Be(Limit + 5, "only failures are capped");
    }

    [StoreFact]
    public async Task Failures_recorded_at_once_leave_exactly_the_newest_limit()
    {
        var (user, other) = (NewUser(), NewUser());
        await Record(Entry(other, Now, ActivityOutcome.Locked));
        var failures = Enumerable.Range(0, 4 * Limit).Select(i => Entry(user, Now.AddMilliseconds(i), ActivityOutcome.WrongPassword)).ToList();

        await Task.WhenAll(failures.Select(f => Task.Run(() => Record(f))));

        var kept = await AllAsync(user);
        kept.Should().HaveCount(Limit);
        kept.Should().Equal(failures.OrderByDescending(f => f.At).Take(Limit));
        (await AllAsync(other)).Should().HaveCount(1, "another user's failures are not touched");
    }

    [StoreFact]
    public async Task Deleting_a_users_activity_leaves_everyone_elses()
    {
        var (user, other) = (NewUser(), NewUser());
        await Record(Entry(user, Now));
        await Record(Entry(user, Now.AddSeconds(1), ActivityOutcome.WrongPassword));
        await Record(Entry(other, Now));

        (await Log.DeleteAllAsync(user, default)).Should().Be(2);

        (await AllAsync(user)).Should().BeEmpty();
        (await AllAsync(other)).Should().HaveCount(1);
    }

    [StoreFact]
    public async Task The_sweep_deletes_entries_older_than_the_cutoff_a_batch_at_a_time()
    {
        // Long before the other tests' entries, which share the store.
        var longAgo = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var user = NewUser();
        for (var i = 0; i < 5; i++)
        {
            await Record(Entry(user, longAgo.AddDays(i)));
        }

        var cutoff = longAgo.AddDays(3);
        (await Log.SweepAsync(cutoff, 2, default)).Should().Be(2);
        (await Log.SweepAsync(cutoff, 2, default)).Should().Be(1);
        (await Log.SweepAsync(cutoff, 2, default)).Should().Be(0);

        (await AllAsync(user)).Select(e => e.At).Should().Equal([longAgo.AddDays(4), cutoff], "an entry at the cutoff is kept");
    }
}

public sealed class EmbeddedActivityLogContract(EmbeddedStoreFixture fixture) : ActivityLogContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IActivityLog Log { get; } = new SqliteActivityLog(fixture.Store);
}

public sealed class MongoWireActivityLogContract(MongoWireStoreFixture fixture) : ActivityLogContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IActivityLog Log { get; } = new MongoActivityLog(fixture.Store);
}

public sealed class RealMongoActivityLogContract(RealMongoStoreFixture fixture) : ActivityLogContract, IClassFixture<RealMongoStoreFixture>, INeedsRealMongo
{
    protected override IActivityLog Log => new MongoActivityLog(fixture.Store ?? throw new InvalidOperationException(RealMongo.SkipReason));
}

public sealed class InMemoryActivityLogContract : ActivityLogContract
{
    protected override IActivityLog Log { get; } = new InMemoryActivityLog();
}
