using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="IAccountCodeStore"/> must do (ADR 0040, ADR 0043); each adapter and the fake run this same suite.</summary>
public abstract class AccountCodeStoreContract
{
    private const int ManyGuesses = 50;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IAccountCodeStore Store { get; }

    private UserId NewUser() => UserId.From(_ids.NewId());

    private Task<CodeCheck> Consume(UserId user, string hash, AccountCodePurpose purpose = AccountCodePurpose.PasswordReset, DateTimeOffset? at = null) =>
        Store.TryConsumeAsync(user, purpose, hash, at ?? Now, default);

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
        (await Consume(user, "WRONG", at: Now.AddMinutes(16))).Should().Be(CodeCheck.NoLiveCode);
        (await Consume(user, "H1", at: Now.AddMinutes(15).AddMilliseconds(-1))).Should().Be(CodeCheck.Consumed);
    }

    [StoreFact]
    public async Task A_new_code_replaces_the_previous_one()
    {
        var user = NewUser();
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H2", Now.AddMinutes(15), default);

        (await Consume(user, "H1")).Should().Be(CodeCheck.Wrong, "the old code is void");
        (await Consume(user, "H2")).Should().Be(CodeCheck.Consumed);
    }

    [StoreFact]
    public async Task Wrong_guesses_never_kill_a_code()
    {
        var user = NewUser();
        await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);
        for (var i = 0; i < ManyGuesses; i++)
        {
            (await Consume(user, $"WRONG{i}")).Should().Be(CodeCheck.Wrong);
        }

        (await Consume(user, "H1")).Should().Be(CodeCheck.Consumed, "a stranger's guesses do not spend the owner's code (ADR 0043)");
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
    public async Task Concurrent_wrong_guesses_never_stop_the_right_code()
    {
        for (var round = 0; round < 10; round++)
        {
            var user = NewUser();
            await Store.IssueAsync(user, AccountCodePurpose.PasswordReset, "H1", Now.AddMinutes(15), default);

            var results = await TogetherAsync(16, i => Consume(user, i == 8 ? "H1" : $"WRONG{i}"));

            results[8].Should().Be(CodeCheck.Consumed, "round {0}", round);
            results.Where((_, i) => i != 8).Should().NotContain(CodeCheck.Consumed, "round {0}", round);
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
