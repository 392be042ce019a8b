using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="IAccountCodeStore"/> must do (ADR 0040); each adapter and the fake run this same suite.</summary>
public abstract class AccountCodeStoreContract
{
    private const int Max = 5;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IAccountCodeStore Store { get; }

    /// <summary>The record's count of missed presentations as stored, or null when the store holds no record of (user, purpose).</summary>
    protected abstract Task<long?> StoredAttemptsAsync(UserId user, AccountCodePurpose purpose);

    private UserId NewUser() => UserId.From(_ids.NewId());

    private Task<CodeCheck> Consume(UserId user, string hash, AccountCodePurpose purpose = AccountCodePurpose.PasswordReset, DateTimeOffset? at = null) =>
        Store.TryConsumeAsync(user, purpose, hash, at ?? Now, Max, default);

    [StoreFact]
    public async Task An_issued_code_is_consumed_once()
    {
        var user = NewUser();
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);

        (await Consume(user, "H1")).Should().Be(CodeCheck.Consumed);
        (await Consume(user, "H1")).Should().Be(CodeCheck.NoLiveCode);
    }

    [StoreFact]
    public async Task Nothing_issued_is_no_live_code_and_an_operator_object_matches_nothing()
    {
        var user = NewUser();
        (await Consume(user, "H1")).Should().Be(CodeCheck.NoLiveCode);

        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);
        (await Consume(user, "{\"$ne\":\"\"}")).Should().Be(CodeCheck.Wrong);
        (await Consume(user, "h1")).Should().Be(CodeCheck.Wrong, "hashes are compared exactly");
        (await Consume(user, "H1")).Should().Be(CodeCheck.Consumed);
    }

    [StoreFact]
    public async Task A_code_is_dead_from_its_expiry_on()
    {
        var user = NewUser();
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);

        (await Consume(user, "H1", at: Now.AddMinutes(15))).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(user, "WRONG", at: Now.AddMinutes(16))).Should().Be(CodeCheck.NoLiveCode, "a miss on a dead code counts nothing");
        (await Consume(user, "H1", at: Now.AddMinutes(15).AddMilliseconds(-1))).Should().Be(CodeCheck.Consumed);
    }

    [StoreFact]
    public async Task A_new_code_replaces_the_previous_one_and_its_count()
    {
        var user = NewUser();
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);
        for (var i = 0; i < Max; i++)
        {
            (await Consume(user, "WRONG")).Should().Be(CodeCheck.Wrong);
        }

        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H2", Now.AddMinutes(15), default);

        (await Consume(user, "H1")).Should().Be(CodeCheck.Wrong, "the old code is void, the new one is live with no tries counted");
        (await Consume(user, "H2")).Should().Be(CodeCheck.Consumed);
    }

    [StoreFact]
    public async Task After_the_maximum_of_wrong_tries_even_the_right_code_is_refused()
    {
        var user = NewUser();
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);
        for (var i = 0; i < Max; i++)
        {
            (await Consume(user, "WRONG")).Should().Be(CodeCheck.Wrong);
        }

        (await Consume(user, "WRONG")).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(user, "H1")).Should().Be(CodeCheck.NoLiveCode);
    }

    [StoreFact]
    public async Task Every_miss_writes_the_record_whatever_its_state_so_a_wrong_code_costs_the_same_with_or_without_a_live_one()
    {
        const AccountCodePurpose Reset = AccountCodePurpose.PasswordReset;
        var (none, live, expired, dead, spent) = (NewUser(), NewUser(), NewUser(), NewUser(), NewUser());
        await Store.IssueAsync(live, Reset, "H1", Now.AddMinutes(15), default);
        await Store.IssueAsync(expired, Reset, "H1", Now, default);
        await Store.IssueAsync(dead, Reset, "H1", Now.AddMinutes(15), default);
        for (var i = 0; i < Max; i++)
        {
            await Consume(dead, "WRONG");
        }

        await Store.IssueAsync(spent, Reset, "H1", Now.AddMinutes(15), default);
        await Consume(spent, "H1");

        var before = new Dictionary<UserId, long>();
        foreach (var user in new[] { none, live, expired, dead, spent })
        {
            before[user] = await StoredAttemptsAsync(user, Reset) ?? 0;
        }

        (await Consume(none, "WRONG")).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(live, "WRONG")).Should().Be(CodeCheck.Wrong);
        (await Consume(expired, "WRONG")).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(dead, "WRONG")).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(spent, "WRONG")).Should().Be(CodeCheck.NoLiveCode);

        foreach (var (user, count) in before)
        {
            (await StoredAttemptsAsync(user, Reset)).Should().Be(count + 1, "every miss is one write to the record of (user, purpose), created if missing");
        }

        (await Consume(none, "")).Should().Be(CodeCheck.NoLiveCode, "the record a miss created is dead, whatever hash is presented");
        (await StoredAttemptsAsync(none, AccountCodePurpose.EmailConfirmation)).Should().BeNull("a miss writes only its own purpose's record");
    }

    [StoreFact]
    public async Task Codes_are_kept_per_user_and_per_purpose()
    {
        var (alice, bob) = (NewUser(), NewUser());
        await Store.IssueAsync(alice, AccountCodePurpose.PasswordReset, "RESET", Now.AddMinutes(15), default);
        await Store.IssueAsync(alice, AccountCodePurpose.EmailConfirmation, "CONFIRM", Now.AddHours(24), default);
        await Store.IssueAsync(bob, AccountCodePurpose.PasswordReset, "BOB", Now.AddMinutes(15), default);

        (await Consume(alice, "CONFIRM", AccountCodePurpose.PasswordReset)).Should().Be(CodeCheck.Wrong);
        (await Consume(alice, "BOB", AccountCodePurpose.PasswordReset)).Should().Be(CodeCheck.Wrong);
        (await Consume(bob, "RESET", AccountCodePurpose.EmailConfirmation)).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(alice, "CONFIRM", AccountCodePurpose.EmailConfirmation)).Should().Be(CodeCheck.Consumed);
        (await Consume(alice, "RESET", AccountCodePurpose.PasswordReset)).Should().Be(CodeCheck.Consumed);
        (await Consume(bob, "BOB", AccountCodePurpose.PasswordReset)).Should().Be(CodeCheck.Consumed);
    }

    [StoreFact]
    public async Task Of_many_concurrent_presentations_of_one_code_exactly_one_consumes_it()
    {
        for (var round = 0; round < 20; round++)
        {
            var user = NewUser();
            await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);

            var results = await TogetherAsync(12, _ => Consume(user, "H1"));

            results.Count(r => r == CodeCheck.Consumed).Should().Be(1, "round {0}", round);
            results.Should().NotContain(CodeCheck.Wrong, "a right code is never counted as a miss");
        }
    }

    [StoreFact]
    public async Task Concurrent_wrong_guesses_never_count_more_than_the_maximum()
    {
        for (var round = 0; round < 10; round++)
        {
            var user = NewUser();
            await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);

            var results = await TogetherAsync(16, i => Consume(user, $"WRONG{i}"));

            results.Count(r => r == CodeCheck.Wrong).Should().Be(Max, "round {0}", round);
            (await Consume(user, "H1")).Should().Be(CodeCheck.NoLiveCode, "round {0}: the code is dead", round);
        }
    }

    [StoreFact]
    public async Task Concurrent_wrong_guesses_and_the_right_code_either_consume_it_or_kill_it_never_both()
    {
        for (var round = 0; round < 10; round++)
        {
            var user = NewUser();
            await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);

            var results = await TogetherAsync(12, i => Consume(user, i == 6 ? "H1" : $"WRONG{i}"));

            results.Count(r => r == CodeCheck.Consumed).Should().BeLessThanOrEqualTo(1);
            results.Count(r => r == CodeCheck.Wrong).Should().BeLessThanOrEqualTo(Max);
            if (results[6] != CodeCheck.Consumed)
            {
                results.Count(r => r == CodeCheck.Wrong).Should().Be(Max, "round {0}: the right code lost only to a dead code", round);
            }
        }
    }

    private static async Task<CodeCheck[]> TogetherAsync(int count, Func<int, Task<CodeCheck>> attempt)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await attempt(i);
        })).ToList();
        gate.Release(count);
        return await Task.WhenAll(tasks);
    }
}
