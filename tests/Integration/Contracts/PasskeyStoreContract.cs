using System.Security.Cryptography;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="IPasskeyStore"/> and <see cref="IPasskeyCeremonies"/> must do (ADR 0058); each adapter and the fakes run this same suite.</summary>
public abstract class PasskeyStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IPasskeyStore Store { get; }

    protected abstract IPasskeyCeremonies Ceremonies { get; }

    private UserId NewUser() => UserId.From(_ids.NewId());

    private static Passkey New(UserId owner, uint signCount = 0, string name = "Laptop", DateTimeOffset? createdAt = null)
    {
        var credentialId = RandomNumberGenerator.GetBytes(32);
        return new Passkey(Passkey.IdOf(credentialId), owner, credentialId, RandomNumberGenerator.GetBytes(77), signCount, true, false, ["internal", "hybrid"],
            Passkey.HandleOf(owner), name, createdAt ?? Now, null);
    }

    [StoreFact]
    public async Task A_passkey_round_trips_and_is_found_by_its_owner_and_its_credential_id_only()
    {
        var owner = NewUser();
        var passkey = New(owner, signCount: 7);
        (await Store.TryAddAsync(passkey, default)).Should().BeTrue();

        var found = await Store.FindAsync(owner, passkey.Id, default);
        found.Should().NotBeNull();
        found!.CredentialId.Should().Equal(passkey.CredentialId);
        found.PublicKey.Should().Equal(passkey.PublicKey);
        found.UserHandle.Should().Equal(passkey.UserHandle);
        (found.Id, found.UserId, found.SignCount, found.BackupEligible, found.BackedUp, found.Name, found.CreatedAt, found.LastUsedAt)
            .Should().Be((passkey.Id, owner, 7u, true, false, "Laptop", Now, (DateTimeOffset?)null));
        found.Transports.Should().Equal("internal", "hybrid");
        (await Store.FindByCredentialIdAsync(passkey.CredentialId, default))!.Id.Should().Be(passkey.Id);

        (await Store.FindAsync(NewUser(), passkey.Id, default)).Should().BeNull("another account's id is unknown to the caller");
        (await Store.FindByCredentialIdAsync(RandomNumberGenerator.GetBytes(32), default)).Should().BeNull();
    }

    [StoreFact]
    public async Task Passkeys_are_listed_per_user_oldest_first_renamed_and_removed_by_their_owner_only()
    {
        var owner = NewUser();
        var stranger = NewUser();
        var older = New(owner, name: "Phone", createdAt: Now);
        var newer = New(owner, name: "Laptop", createdAt: Now.AddMinutes(1));
        (await Store.TryAddAsync(newer, default)).Should().BeTrue();
        (await Store.TryAddAsync(older, default)).Should().BeTrue();
        (await Store.TryAddAsync(New(stranger), default)).Should().BeTrue();

        (await Store.ListAsync(owner, default)).Select(p => p.Name).Should().Equal("Phone", "Laptop");
        (await Store.TryRenameAsync(stranger, older.Id, "Mine now", default)).Should().BeFalse();
        (await Store.TryRenameAsync(owner, older.Id, "Old phone", default)).Should().BeTrue();
        (await Store.FindAsync(owner, older.Id, default))!.Name.Should().Be("Old phone");

        (await Store.RemoveAsync(stranger, older.Id, default)).Should().BeFalse();
        (await Store.RemoveAsync(owner, older.Id, default)).Should().BeTrue();
        (await Store.RemoveAsync(owner, older.Id, default)).Should().BeFalse();
        (await Store.RemoveAllAsync(owner, default)).Should().Be(1);
        (await Store.ListAsync(owner, default)).Should().BeEmpty();
        (await Store.ListAsync(stranger, default)).Should().HaveCount(1);
    }

    [StoreFact]
    public async Task Concurrent_adds_of_one_credential_id_to_different_accounts_admit_exactly_one()
    {
        for (var round = 0; round < 5; round++)
        {
            var credentialId = RandomNumberGenerator.GetBytes(32);
            var owners = Enumerable.Range(0, 8).Select(_ => NewUser()).ToList();
            using var gate = new SemaphoreSlim(0);
            var adds = owners.Select(owner => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Store.TryAddAsync(New(owner) with { Id = Passkey.IdOf(credentialId), CredentialId = credentialId }, default);
            })).ToList();
            gate.Release(adds.Count);

            (await Task.WhenAll(adds)).Count(added => added).Should().Be(1, "round {0}: a credential belongs to one account", round);
        }
    }

    [StoreFact]
    public async Task The_counter_only_moves_forward_and_of_concurrent_uses_with_one_count_exactly_one_wins()
    {
        var passkey = New(NewUser(), signCount: 5);
        await Store.TryAddAsync(passkey, default);

        (await Store.TryRecordUseAsync(passkey.Id, 5, true, Now, default)).Should().BeFalse("an equal count is not forward");
        (await Store.TryRecordUseAsync(passkey.Id, 4, true, Now, default)).Should().BeFalse("a count that goes backwards is refused");
        (await Store.TryRecordUseAsync(passkey.Id, 0, true, Now, default)).Should().BeFalse("zero after a count is backwards");
        var stored = await Store.FindAsync(passkey.UserId, passkey.Id, default);
        stored!.SignCount.Should().Be(5);
        stored.LastUsedAt.Should().BeNull();

        using var gate = new SemaphoreSlim(0);
        var uses = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await Store.TryRecordUseAsync(passkey.Id, 6, true, Now, default);
        })).ToList();
        gate.Release(uses.Count);
        (await Task.WhenAll(uses)).Count(won => won).Should().Be(1);
        stored = await Store.FindAsync(passkey.UserId, passkey.Id, default);
        (stored!.SignCount, stored.BackedUp, stored.LastUsedAt).Should().Be((6u, true, Now));
    }

    [StoreFact]
    public async Task An_authenticator_that_does_not_count_stays_at_zero_and_may_sign_in_again()
    {
        var passkey = New(NewUser(), signCount: 0);
        await Store.TryAddAsync(passkey, default);

        (await Store.TryRecordUseAsync(passkey.Id, 0, false, Now, default)).Should().BeTrue();
        (await Store.TryRecordUseAsync(passkey.Id, 0, false, Now.AddMinutes(1), default)).Should().BeTrue();
        (await Store.FindAsync(passkey.UserId, passkey.Id, default))!.LastUsedAt.Should().Be(Now.AddMinutes(1));
    }

    [StoreFact]
    public async Task A_ceremony_is_consumed_once_only_by_its_kind_and_user_and_only_before_it_expires()
    {
        var user = NewUser();
        var registration = new PasskeyCeremony(_ids.NewId(), PasskeyCeremonyKind.Registration, user, "{\"challenge\":\"r\"}", Now.AddMinutes(5));
        var signIn = new PasskeyCeremony(_ids.NewId(), PasskeyCeremonyKind.SignIn, null, "{\"challenge\":\"s\"}", Now.AddMinutes(5));
        await Ceremonies.AddAsync(registration, Now, default);
        await Ceremonies.AddAsync(signIn, Now, default);

        (await Ceremonies.TryConsumeAsync(registration.Id, PasskeyCeremonyKind.SignIn, user, Now, default)).Should().BeNull("another kind");
        (await Ceremonies.TryConsumeAsync(registration.Id, PasskeyCeremonyKind.Registration, NewUser(), Now, default)).Should().BeNull("another user");
        (await Ceremonies.TryConsumeAsync(registration.Id, PasskeyCeremonyKind.Registration, null, Now, default)).Should().BeNull("anonymous");
        (await Ceremonies.TryConsumeAsync(signIn.Id, PasskeyCeremonyKind.SignIn, user, Now, default)).Should().BeNull("a sign-in ceremony has no user");
        (await Ceremonies.TryConsumeAsync(registration.Id, PasskeyCeremonyKind.Registration, user, Now.AddMinutes(5), default)).Should().BeNull("expired");

        (await Ceremonies.TryConsumeAsync(registration.Id, PasskeyCeremonyKind.Registration, user, Now.AddMinutes(5).AddMilliseconds(-1), default))!
            .Options.Should().Be(registration.Options);
        (await Ceremonies.TryConsumeAsync(registration.Id, PasskeyCeremonyKind.Registration, user, Now, default)).Should().BeNull("spent");
        (await Ceremonies.TryConsumeAsync(signIn.Id, PasskeyCeremonyKind.SignIn, null, Now, default))!.Options.Should().Be(signIn.Options);
    }

    [StoreFact]
    public async Task Of_concurrent_consumes_of_one_ceremony_exactly_one_gets_it()
    {
        for (var round = 0; round < 10; round++)
        {
            var ceremony = new PasskeyCeremony(_ids.NewId(), PasskeyCeremonyKind.SignIn, null, "{}", Now.AddMinutes(5));
            await Ceremonies.AddAsync(ceremony, Now, default);
            using var gate = new SemaphoreSlim(0);
            var consumes = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Ceremonies.TryConsumeAsync(ceremony.Id, PasskeyCeremonyKind.SignIn, null, Now, default);
            })).ToList();
            gate.Release(consumes.Count);

            (await Task.WhenAll(consumes)).Count(c => c is not null).Should().Be(1, "round {0}", round);
        }
    }
}

public sealed class EmbeddedPasskeyStoreContract(EmbeddedStoreFixture fixture) : PasskeyStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IPasskeyStore Store { get; } = new SqlitePasskeyStore(fixture.Store);

    protected override IPasskeyCeremonies Ceremonies { get; } = new SqlitePasskeyCeremonies(fixture.Store);
}

public sealed class MongoWirePasskeyStoreContract(MongoWireStoreFixture fixture) : PasskeyStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IPasskeyStore Store { get; } = new MongoPasskeyStore(fixture.Store);

    protected override IPasskeyCeremonies Ceremonies { get; } = new MongoPasskeyCeremonies(fixture.Store);
}

public sealed class RealMongoPasskeyStoreContract(RealMongoStoreFixture fixture) : PasskeyStoreContract, IClassFixture<RealMongoStoreFixture>, INeedsRealMongo
{
    private MongoStore MongoStore => fixture.Store ?? throw new InvalidOperationException(RealMongo.SkipReason);

    protected override IPasskeyStore Store => new MongoPasskeyStore(MongoStore);

    protected override IPasskeyCeremonies Ceremonies => new MongoPasskeyCeremonies(MongoStore);
}

public sealed class InMemoryPasskeyStoreContract : PasskeyStoreContract
{
    protected override IPasskeyStore Store { get; } = new InMemoryPasskeyStore();

    protected override IPasskeyCeremonies Ceremonies { get; } = new InMemoryPasskeyCeremonies();
}
