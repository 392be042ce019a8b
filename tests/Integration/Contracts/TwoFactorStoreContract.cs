using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="ITwoFactorStore"/> must do (ADR 0041); each adapter and the fake run this same suite.</summary>
public abstract class TwoFactorStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract ITwoFactorStore Store { get; }

    private UserId NewUser() => UserId.From(_ids.NewId());

    private async Task<UserId> EnabledAsync(long step = 100, params string[] codes)
    {
        var user = NewUser();
        (await Store.TryBeginSetupAsync(user, "PENDING", default)).Should().BeTrue();
        (await Store.TryEnableAsync(user, "PENDING", step, codes.Length > 0 ? codes : ["A", "B", "C"], Now, default)).Should().BeTrue();
        return user;
    }

    // Every other secret this suite stores starts with a capital letter: those prefixes cover them, so only this test's strays show.
    [StoreFact]
    public async Task A_secret_enabled_or_pending_that_starts_with_none_of_the_prefixes_is_found()
    {
        string[] covered = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(c => c.ToString()), "v1.k1."];
        var sealedByK1 = NewUser();
        (await Store.TryBeginSetupAsync(sealedByK1, $"v1.k1.{Guid.NewGuid():N}", default)).Should().BeTrue();
        (await Store.TryEnableAsync(sealedByK1, (await Store.FindAsync(sealedByK1, default))!.PendingSecret!, 1, ["H"], Now, default)).Should().BeTrue();
        (await Store.FindSecretWithoutPrefixAsync(covered, default)).Should().BeNull("every stored secret starts with a configured prefix");

        var pending = NewUser();
        var pendingStray = $"v1.k2.{Guid.NewGuid():N}";
        (await Store.TryBeginSetupAsync(pending, pendingStray, default)).Should().BeTrue();
        (await Store.FindSecretWithoutPrefixAsync(covered, default)).Should().Be(pendingStray);
        (await Store.FindSecretWithoutPrefixAsync([.. covered, "v1.k2."], default)).Should().BeNull();
        (await Store.FindSecretWithoutPrefixAsync([.. covered, "v1xk2x"], default)).Should().Be(pendingStray, "a prefix is text, not a pattern");
        await Store.RemoveAsync(pending, default);

        var enabled = await EnabledStrayAsync($"v1.k3.{Guid.NewGuid():N}");
        (await Store.FindSecretWithoutPrefixAsync(covered, default)).Should().Be((await Store.FindAsync(enabled, default))!.Secret);
        await Store.RemoveAsync(enabled, default);
        await Store.RemoveAsync(sealedByK1, default);
    }

    private async Task<UserId> EnabledStrayAsync(string secret)
    {
        var user = NewUser();
        (await Store.TryBeginSetupAsync(user, secret, default)).Should().BeTrue();
        (await Store.TryEnableAsync(user, secret, 1, ["H"], Now, default)).Should().BeTrue();
        return user;
    }

    [StoreFact]
    public async Task A_setup_is_pending_until_enabled_and_a_new_setup_replaces_it()
    {
        var user = NewUser();
        (await Store.FindAsync(user, default)).Should().BeNull();

        (await Store.TryBeginSetupAsync(user, "FIRST", default)).Should().BeTrue();
        (await Store.TryBeginSetupAsync(user, "SECOND", default)).Should().BeTrue();

        var pending = (await Store.FindAsync(user, default))!;
        pending.Should().BeEquivalentTo(new { UserId = user, Secret = (string?)null, PendingSecret = "SECOND", EnabledAt = (DateTimeOffset?)null, LastStep = (long?)null });
        pending.RecoveryCodeHashes.Should().BeEmpty();
        pending.IsEnabled.Should().BeFalse();
        (await Store.TryEnableAsync(user, "FIRST", 7, ["A"], Now, default)).Should().BeFalse("the first setup was replaced");
        (await Store.TryAcceptStepAsync(user, 7, default)).Should().BeFalse("nothing is enabled");
    }

    [StoreFact]
    public async Task Enabling_keeps_the_secret_the_first_step_and_the_codes_and_happens_once()
    {
        var user = await EnabledAsync(42, "H1", "H2");

        var state = (await Store.FindAsync(user, default))!;
        state.Should().BeEquivalentTo(new { Secret = "PENDING", PendingSecret = (string?)null, EnabledAt = (DateTimeOffset?)Now.AddTicks(-Now.Ticks % TimeSpan.TicksPerMillisecond), LastStep = (long?)42 });
        state.RecoveryCodeHashes.Should().BeEquivalentTo(["H1", "H2"]);
        state.IsEnabled.Should().BeTrue();
        (await Store.TryEnableAsync(user, "PENDING", 50, ["X"], Now, default)).Should().BeFalse();
        (await Store.TryBeginSetupAsync(user, "ANOTHER", default)).Should().BeFalse("a second factor is enabled");
        (await Store.FindAsync(user, default))!.Secret.Should().Be("PENDING");
    }

    [StoreFact]
    public async Task A_time_step_is_accepted_only_when_later_than_every_accepted_one()
    {
        var user = await EnabledAsync(step: 100);

        (await Store.TryAcceptStepAsync(user, 100, default)).Should().BeFalse("the enabling code's step is spent");
        (await Store.TryAcceptStepAsync(user, 99, default)).Should().BeFalse();
        (await Store.TryAcceptStepAsync(user, 102, default)).Should().BeTrue();
        (await Store.TryAcceptStepAsync(user, 101, default)).Should().BeFalse("an earlier step than an accepted one");
        (await Store.TryAcceptStepAsync(user, 102, default)).Should().BeFalse();
        (await Store.TryAcceptStepAsync(NewUser(), 500, default)).Should().BeFalse("no such user");
        (await Store.FindAsync(user, default))!.LastStep.Should().Be(102);
    }

    [StoreFact]
    public async Task A_recovery_code_is_spent_once_and_regenerating_replaces_them_all()
    {
        var user = await EnabledAsync(1, "H1", "H2", "H3");

        (await Store.TrySpendRecoveryCodeAsync(user, "H2", default)).Should().BeTrue();
        (await Store.TrySpendRecoveryCodeAsync(user, "H2", default)).Should().BeFalse();
        (await Store.TrySpendRecoveryCodeAsync(user, "h1", default)).Should().BeFalse("hashes are compared exactly");
        (await Store.TrySpendRecoveryCodeAsync(user, "{\"$ne\":null}", default)).Should().BeFalse();
        (await Store.FindAsync(user, default))!.RecoveryCodeHashes.Should().BeEquivalentTo(["H1", "H3"]);

        (await Store.TryReplaceRecoveryCodesAsync(user, ["N1", "N2"], default)).Should().BeTrue();
        (await Store.TrySpendRecoveryCodeAsync(user, "H1", default)).Should().BeFalse();
        (await Store.FindAsync(user, default))!.RecoveryCodeHashes.Should().BeEquivalentTo(["N1", "N2"]);
        (await Store.TryReplaceRecoveryCodesAsync(NewUser(), ["N1"], default)).Should().BeFalse("nothing is enabled");
    }

    [StoreFact]
    public async Task Removing_ends_both_an_enabled_and_a_pending_second_factor()
    {
        var enabled = await EnabledAsync(1, "H1");
        var pending = NewUser();
        await Store.TryBeginSetupAsync(pending, "P", default);

        (await Store.RemoveAsync(enabled, default)).Should().BeTrue();
        (await Store.RemoveAsync(enabled, default)).Should().BeFalse();
        (await Store.RemoveAsync(pending, default)).Should().BeFalse("it was never enabled");

        (await Store.FindAsync(enabled, default)).Should().BeNull();
        (await Store.FindAsync(pending, default)).Should().BeNull();
        (await Store.TrySpendRecoveryCodeAsync(enabled, "H1", default)).Should().BeFalse();
        (await Store.TryBeginSetupAsync(enabled, "AGAIN", default)).Should().BeTrue("a new setup may start");
    }

    [StoreFact]
    public async Task The_enabled_among_a_page_of_users_are_found_together()
    {
        var enabled = await EnabledAsync();
        var pending = NewUser();
        await Store.TryBeginSetupAsync(pending, "P", default);

        (await Store.EnabledAmongAsync([enabled, pending, NewUser()], default)).Should().BeEquivalentTo([enabled]);
        (await Store.EnabledAmongAsync([], default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Concurrent_acceptances_of_one_step_and_spends_of_one_code_admit_exactly_one()
    {
        for (var round = 0; round < 10; round++)
        {
            var user = await EnabledAsync(10, "H1");
            using var gate = new SemaphoreSlim(0);
            var steps = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Store.TryAcceptStepAsync(user, 11, default);
            }));
            var spends = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Store.TrySpendRecoveryCodeAsync(user, "H1", default);
            }));
            var running = steps.Concat(spends).ToList();
            gate.Release(running.Count);
            var results = await Task.WhenAll(running);

            results[..12].Count(r => r).Should().Be(1, "round {0}: one step acceptance wins", round);
            results[12..].Count(r => r).Should().Be(1, "round {0}: one spend wins", round);
        }
    }
}

public sealed class EmbeddedTwoFactorStoreContract(EmbeddedStoreFixture fixture)
    : TwoFactorStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override ITwoFactorStore Store { get; } = new SqliteTwoFactorStore(fixture.Store);
}

public sealed class MongoWireTwoFactorStoreContract(MongoWireStoreFixture fixture)
    : TwoFactorStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override ITwoFactorStore Store { get; } = new MongoTwoFactorStore(fixture.Store);
}

public sealed class RealMongoTwoFactorStoreContract(RealMongoStoreFixture fixture)
    : TwoFactorStoreContract, IClassFixture<RealMongoStoreFixture>, INeedsRealMongo
{
    protected override ITwoFactorStore Store => new MongoTwoFactorStore(fixture.Store ?? throw new InvalidOperationException(RealMongo.SkipReason));
}

public sealed class InMemoryTwoFactorStoreContract : TwoFactorStoreContract
{
    protected override ITwoFactorStore Store { get; } = new InMemoryTwoFactorStore();
}
