using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using CleanAuth.Tests.Integration.Support;
using Session = CleanAuth.Application.Accounts.Ports.Session;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>
/// What every store must do with sessions (ADR 0053): list and end them, and answer the per-request read — the user,
/// their session's state and their second factor's — in one read that sees an end at once. Each adapter runs this suite.
/// </summary>
public abstract class SessionStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IUserRepository Users { get; }

    protected abstract IRefreshTokenStore Sessions { get; }

    protected abstract ITwoFactorStore TwoFactors { get; }

    protected abstract ICallerStore Callers { get; }

    private async Task<User> NewUserAsync()
    {
        var user = User.Register(UserId.From(_ids.NewId()), PersonName.Create("Ann Lee"), EmailAddress.Create($"ann-{Guid.NewGuid():N}@example.com"), "HASH", Now);
        (await Users.TryAddAsync(user, default)).Should().BeTrue();
        return user;
    }

    private StoredRefreshToken NewSession(User user, DateTimeOffset at, string? agent = "Agent/1.0", string? ip = "203.0.113.7") => new(
        _ids.NewId(), Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        user.Id, _ids.NewId(), user.SecurityStamp, at, at.AddDays(14), at.AddDays(30), null, null, at, agent, ip);

    private StoredRefreshToken Next(StoredRefreshToken spent, DateTimeOffset at) => spent with
    {
        Id = _ids.NewId(),
        TokenHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        CreatedAt = at,
        ExpiresAt = at.AddDays(14),
    };

    [StoreFact]
    public async Task Live_sessions_are_listed_newest_first_with_their_sign_ins_agent_and_address_and_last_use_moved_by_a_rotation()
    {
        var user = await NewUserAsync();
        var older = NewSession(user, Now);
        var newer = NewSession(user, Now.AddMinutes(1), agent: null, ip: null);
        var ended = NewSession(user, Now.AddMinutes(2));
        var expired = NewSession(user, Now.AddDays(-31));
        foreach (var session in new[] { older, newer, ended, expired })
        {
            await Sessions.StartSessionAsync(session, default);
        }

        await Sessions.StartSessionAsync(NewSession(await NewUserAsync(), Now), default);
        (await Sessions.EndSessionAsync(user.Id, ended.SessionId, Now.AddMinutes(3), default)).Should().BeTrue();
        (await Sessions.TryRotateAsync(older, Next(older, Now.AddMinutes(5)), default)).Should().BeTrue();

        var list = await Sessions.ListSessionsAsync(user.Id, Now.AddMinutes(10), default);

        list.Should().Equal(
            new Session(newer.SessionId, newer.CreatedAt, newer.CreatedAt, null, null),
            new Session(older.SessionId, older.CreatedAt, Now.AddMinutes(5), "Agent/1.0", "203.0.113.7"));
    }

    [StoreFact]
    public async Task A_session_is_ended_only_by_its_own_user_and_only_once()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var session = NewSession(user, Now);
        await Sessions.StartSessionAsync(session, default);

        (await Sessions.EndSessionAsync(other.Id, session.SessionId, Now, default)).Should().BeFalse("another user's id ends nothing");
        (await Sessions.ListSessionsAsync(user.Id, Now, default)).Should().ContainSingle();
        (await Sessions.EndSessionAsync(user.Id, _ids.NewId(), Now, default)).Should().BeFalse();
        (await Sessions.EndSessionAsync(user.Id, "not-an-id", Now, default)).Should().BeFalse();

        (await Sessions.EndSessionAsync(user.Id, session.SessionId.ToUpperInvariant(), Now, default)).Should().BeTrue("ids are matched in any case, as both stores keep them");
        (await Sessions.EndSessionAsync(user.Id, session.SessionId, Now, default)).Should().BeFalse("it has ended already");
        (await Sessions.ListSessionsAsync(user.Id, Now, default)).Should().BeEmpty();
        (await Sessions.TryRotateAsync(session, Next(session, Now.AddMinutes(1)), default)).Should().BeFalse();
    }

    [StoreFact]
    public async Task The_callers_one_read_tells_the_user_whether_the_tokens_session_is_live_and_whether_a_second_factor_is_on()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var session = NewSession(user, Now);
        var othersSession = NewSession(other, Now);
        await Sessions.StartSessionAsync(session, default);
        await Sessions.StartSessionAsync(othersSession, default);

        var caller = (await Callers.FindAsync(user.Id, session.SessionId, default))!;
        caller.User.Should().BeEquivalentTo(await Users.FindByIdAsync(user.Id, default));
        caller.SessionLive.Should().BeTrue();
        caller.TwoFactorEnabled.Should().BeFalse();
        (await Callers.FindAsync(user.Id, null, default))!.SessionLive.Should().BeTrue("a token from before sid has no session to check");
        (await Callers.FindAsync(user.Id, othersSession.SessionId, default))!.SessionLive.Should().BeFalse("another user's session is not the caller's");
        (await Callers.FindAsync(user.Id, _ids.NewId(), default))!.SessionLive.Should().BeFalse("an unknown session is not live");
        (await Callers.FindAsync(UserId.From(_ids.NewId()), session.SessionId, default)).Should().BeNull();

        (await TwoFactors.TryBeginSetupAsync(user.Id, "PENDING", default)).Should().BeTrue();
        (await Callers.FindAsync(user.Id, session.SessionId, default))!.TwoFactorEnabled.Should().BeFalse("a setup is not enabled until a code confirms it");
        (await TwoFactors.TryEnableAsync(user.Id, "PENDING", 100, ["H"], Now, default)).Should().BeTrue();
        (await Callers.FindAsync(user.Id, session.SessionId, default))!.TwoFactorEnabled.Should().BeTrue();

        (await Sessions.EndSessionAsync(user.Id, session.SessionId, Now, default)).Should().BeTrue();
        (await Callers.FindAsync(user.Id, session.SessionId, default))!.SessionLive.Should().BeFalse("its access tokens stop at once");
        (await Callers.FindAsync(other.Id, othersSession.SessionId, default))!.SessionLive.Should().BeTrue();
    }

    [StoreFact]
    public async Task Ending_a_session_while_it_refreshes_leaves_no_token_of_it_alive()
    {
        var user = await NewUserAsync();
        for (var round = 0; round < 20; round++)
        {
            var session = NewSession(user, Now);
            await Sessions.StartSessionAsync(session, default);
            var next = Next(session, Now.AddMinutes(1));
            using var gate = new SemaphoreSlim(0);
            var refreshes = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Sessions.TryRotateAsync(session, next with { Id = _ids.NewId(), TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") }, default);
            })).ToList();
            var ends = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Sessions.EndSessionAsync(user.Id, session.SessionId, Now.AddMinutes(1), default);
            })).ToList();
            gate.Release(refreshes.Count + ends.Count);

            (await Task.WhenAll(refreshes)).Count(r => r).Should().BeLessThanOrEqualTo(1, "one token is spent once");
            (await Task.WhenAll(ends)).Count(e => e).Should().Be(1, "one end wins; the other finds it ended");

            // Every refresh token of the session is dead, and so is every access token (the per-request read).
            (await Sessions.ListSessionsAsync(user.Id, Now.AddMinutes(2), default)).Should().NotContain(s => s.Id == session.SessionId);
            (await Callers.FindAsync(user.Id, session.SessionId, default))!.SessionLive.Should().BeFalse();
            (await Sessions.FindByHashAsync(session.TokenHash, default))!.RevokedAt.Should().NotBeNull();
        }
    }
}

public sealed class EmbeddedSessionStoreContract(EmbeddedStoreFixture fixture) : SessionStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IUserRepository Users { get; } = new SqliteUserRepository(fixture.Store);

    protected override IRefreshTokenStore Sessions { get; } = new SqliteRefreshTokenStore(fixture.Store);

    protected override ITwoFactorStore TwoFactors { get; } = new SqliteTwoFactorStore(fixture.Store);

    protected override ICallerStore Callers { get; } = new SqliteCallerStore(fixture.Store);
}

public sealed class MongoWireSessionStoreContract(MongoWireStoreFixture fixture) : SessionStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IUserRepository Users { get; } = new MongoUserRepository(fixture.Store);

    protected override IRefreshTokenStore Sessions { get; } = new MongoRefreshTokenStore(fixture.Store);

    protected override ITwoFactorStore TwoFactors { get; } = new MongoTwoFactorStore(fixture.Store);

    protected override ICallerStore Callers { get; } = new MongoCallerStore(fixture.Store);
}

public sealed class InMemorySessionStoreContract : SessionStoreContract
{
    private static readonly InMemoryUserRepository SharedUsers = new();
    private static readonly InMemoryRefreshTokenStore SharedSessions = new();
    private static readonly InMemoryTwoFactorStore SharedTwoFactors = new();

    protected override IUserRepository Users => SharedUsers;

    protected override IRefreshTokenStore Sessions => SharedSessions;

    protected override ITwoFactorStore TwoFactors => SharedTwoFactors;

    protected override ICallerStore Callers { get; } = new InMemoryCallerStore(SharedUsers, SharedSessions, SharedTwoFactors);
}
