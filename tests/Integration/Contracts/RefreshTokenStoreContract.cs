using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="IRefreshTokenStore"/> must do; each adapter runs this same suite.</summary>
public abstract class RefreshTokenStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IRefreshTokenStore Store { get; }

    private StoredRefreshToken NewToken(string? userId = null, string? familyId = null) => new(
        _ids.NewId(), Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        UserId.From(userId ?? _ids.NewId()), familyId ?? _ids.NewId(), "STAMP", Now, Now.AddDays(14), Now.AddDays(30), null, null, SignedInAt);

    // The family's sign-in (the access tokens' auth_time): before the token, as after a two-factor login's last step.
    private static readonly DateTimeOffset SignedInAt = Now.AddSeconds(-42.5);

    /// <summary>The token a refresh of <paramref name="spent"/> would issue.</summary>
    private StoredRefreshToken Next(StoredRefreshToken spent, DateTimeOffset at) => NewToken(spent.UserId.Value, spent.SessionId) with
    {
        SecurityStamp = spent.SecurityStamp,
        CreatedAt = at,
        ExpiresAt = at.AddDays(14),
        SessionExpiresAt = spent.SessionExpiresAt,
    };

    [StoreFact]
    public async Task An_added_token_is_found_by_its_hash_with_every_field_intact()
    {
        var token = NewToken();

        await Store.StartSessionAsync(token, default);

        (await Store.FindByHashAsync(token.TokenHash, default)).Should().Be(token);
        (await Store.FindByHashAsync(token.TokenHash.ToLowerInvariant(), default)).Should().BeNull("hashes are compared exactly");
        (await Store.FindByHashAsync("{\"$ne\":null}", default)).Should().BeNull();
    }

    [StoreFact]
    public async Task A_rotation_moves_the_family_to_the_next_token_once_and_never_after_revocation()
    {
        var token = NewToken();
        var revoked = NewToken();
        await Store.StartSessionAsync(token, default);
        await Store.StartSessionAsync(revoked, default);
        (await Store.EndSessionAsync(revoked.UserId, revoked.SessionId, Now, default)).Should().BeTrue();
        (await Store.EndSessionAsync(revoked.UserId, revoked.SessionId, Now, default)).Should().BeFalse("it was revoked already");
        var next = Next(token, Now.AddMinutes(1));

        (await Store.TryRotateAsync(token, next, default)).Should().BeTrue();
        (await Store.TryRotateAsync(token, Next(token, Now.AddMinutes(2)), default)).Should().BeFalse("the token is spent");
        (await Store.TryRotateAsync(revoked, Next(revoked, Now), default)).Should().BeFalse();
        (await Store.TryRotateAsync(NewToken(), NewToken(), default)).Should().BeFalse("an unknown family");
        (await Store.TryRotateAsync(token with { SessionId = "not-an-id" }, Next(token, Now), default)).Should().BeFalse();

        (await Store.FindByHashAsync(token.TokenHash, default))!.SpentAt.Should().Be(Now.AddMinutes(1));
        (await Store.FindByHashAsync(next.TokenHash, default)).Should().Be(next);
        (await Store.FindByHashAsync(revoked.TokenHash, default))!.RevokedAt.Should().Be(Now);
    }

    [StoreFact]
    public async Task The_sign_in_time_is_the_familys_kept_by_every_rotation_and_absent_where_never_given()
    {
        var token = NewToken();
        var legacy = NewToken() with { SignedInAt = null };
        await Store.StartSessionAsync(token, default);
        await Store.StartSessionAsync(legacy, default);
        var next = Next(token, Now.AddMinutes(1)) with { SignedInAt = Now.AddMinutes(1) };
        var legacyNext = Next(legacy, Now.AddMinutes(1)) with { SignedInAt = Now.AddMinutes(1) };

        (await Store.TryRotateAsync(token, next, default)).Should().BeTrue();
        (await Store.TryRotateAsync(legacy, legacyNext, default)).Should().BeTrue();

        (await Store.FindByHashAsync(next.TokenHash, default))!.SignedInAt.Should().Be(SignedInAt, "a rotation never renews the sign-in");
        (await Store.FindByHashAsync(token.TokenHash, default))!.SignedInAt.Should().Be(SignedInAt);
        (await Store.FindByHashAsync(legacyNext.TokenHash, default))!.SignedInAt.Should().BeNull("a session from before sign-in times were kept never gets one");
    }

    [StoreFact]
    public async Task An_expired_token_is_not_rotated()
    {
        var token = NewToken();
        await Store.StartSessionAsync(token, default);

        (await Store.TryRotateAsync(token, Next(token, token.ExpiresAt), default)).Should().BeFalse();
        (await Store.FindByHashAsync(token.TokenHash, default))!.SpentAt.Should().BeNull();
    }

    [StoreFact]
    public async Task Concurrent_rotations_of_one_token_admit_exactly_one()
    {
        var token = NewToken();
        await Store.StartSessionAsync(token, default);
        using var gate = new SemaphoreSlim(0);
        var rotations = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var next = Next(token, Now.AddSeconds(i));
            await gate.WaitAsync();
            return (Next: next, Won: await Store.TryRotateAsync(token, next, default));
        })).ToList();
        gate.Release(rotations.Count);

        var results = await Task.WhenAll(rotations);

        results.Count(r => r.Won).Should().Be(1);
        var winner = results.Single(r => r.Won).Next;
        (await Store.FindByHashAsync(winner.TokenHash, default))!.SpentAt.Should().BeNull("the winner's token is the family's current one");
        foreach (var loser in results.Where(r => !r.Won))
        {
            if (await Store.FindByHashAsync(loser.Next.TokenHash, default) is { } found)
            {
                found.SpentAt.Should().NotBeNull("a losing token is never the family's current one");
            }
        }
    }

    [StoreFact]
    public async Task A_rotation_racing_a_revocation_never_leaves_a_live_token()
    {
        for (var round = 0; round < 20; round++)
        {
            var token = NewToken();
            await Store.StartSessionAsync(token, default);
            var next = Next(token, Now.AddMinutes(1));
            using var gate = new SemaphoreSlim(0);
            var rotate = Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Store.TryRotateAsync(token, next, default);
            });
            var revokes = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Store.EndSessionAsync(token.UserId, token.SessionId, Now.AddMinutes(1), default);
            })).ToList();
            gate.Release(revokes.Count + 1);

            var rotated = await rotate;
            (await Task.WhenAll(revokes)).Count(r => r).Should().Be(1, "one revocation wins; the others find it revoked");

            (await Store.FindByHashAsync(token.TokenHash, default))!.RevokedAt.Should().NotBeNull();
            if (rotated)
            {
                (await Store.FindByHashAsync(next.TokenHash, default))!.RevokedAt.Should().NotBeNull("the rotated family was revoked with its new token");
            }

            (await Store.TryRotateAsync(rotated ? next : token, Next(token, Now.AddMinutes(2)), default)).Should().BeFalse();
        }
    }

    [StoreFact]
    public async Task Revoking_all_of_a_user_while_a_family_rotates_leaves_nothing_live()
    {
        var user = _ids.NewId();
        var families = new List<StoredRefreshToken>();
        for (var i = 0; i < 12; i++)
        {
            var token = NewToken(user);
            await Store.StartSessionAsync(token, default);
            families.Add(token);
        }

        using var gate = new SemaphoreSlim(0);
        var rotations = families.Select(token => Task.Run(async () =>
        {
            var next = Next(token, Now.AddMinutes(1));
            await gate.WaitAsync();
            return await Store.TryRotateAsync(token, next, default) ? next : token;
        })).ToList();
        var revokeAll = Task.Run(async () =>
        {
            await gate.WaitAsync();
            await Store.EndAllSessionsAsync(UserId.From(user), Now.AddMinutes(1), default);
        });
        gate.Release(rotations.Count + 1);
        await revokeAll;

        foreach (var current in await Task.WhenAll(rotations))
        {
            (await Store.FindByHashAsync(current.TokenHash, default))!.RevokedAt.Should().NotBeNull();
        }
    }

    [StoreFact]
    public async Task Revoking_a_family_revokes_all_its_tokens_and_nothing_else()
    {
        var user = _ids.NewId();
        var a = NewToken(user);
        var b = Next(a, Now.AddMinutes(5));
        var other = NewToken(user);
        await Store.StartSessionAsync(a, default);
        await Store.StartSessionAsync(other, default);
        (await Store.TryRotateAsync(a, b, default)).Should().BeTrue();

        (await Store.EndSessionAsync(a.UserId, a.SessionId, Now.AddHours(1), default)).Should().BeTrue();

        (await Store.FindByHashAsync(a.TokenHash, default))!.RevokedAt.Should().Be(Now.AddHours(1));
        (await Store.FindByHashAsync(b.TokenHash, default))!.RevokedAt.Should().Be(Now.AddHours(1));
        (await Store.FindByHashAsync(other.TokenHash, default))!.RevokedAt.Should().BeNull();
    }

    [StoreFact]
    public async Task Revoking_all_of_a_user_spares_other_users_and_keeps_the_first_revocation_time()
    {
        var user = _ids.NewId();
        var first = NewToken(user);
        var second = NewToken(user);
        var someoneElse = NewToken();
        foreach (var t in new[] { first, second, someoneElse })
        {
            await Store.StartSessionAsync(t, default);
        }

        (await Store.EndSessionAsync(first.UserId, first.SessionId, Now, default)).Should().BeTrue();
        await Store.EndAllSessionsAsync(UserId.From(user), Now.AddHours(2), default);

        (await Store.FindByHashAsync(first.TokenHash, default))!.RevokedAt.Should().Be(Now);
        (await Store.FindByHashAsync(second.TokenHash, default))!.RevokedAt.Should().Be(Now.AddHours(2));
        (await Store.FindByHashAsync(someoneElse.TokenHash, default))!.RevokedAt.Should().BeNull();
    }
}
