using CleanAuth.Application.Common.Abstractions;
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
        userId ?? _ids.NewId(), familyId ?? _ids.NewId(), "STAMP", Now, Now.AddDays(14), Now.AddDays(30), null, null);

    [StoreFact]
    public async Task An_added_token_is_found_by_its_hash_with_every_field_intact()
    {
        var token = NewToken();

        await Store.AddAsync(token, default);

        (await Store.FindByHashAsync(token.TokenHash, default)).Should().Be(token);
        (await Store.FindByHashAsync(token.TokenHash.ToLowerInvariant(), default)).Should().BeNull("hashes are compared exactly");
        (await Store.FindByHashAsync("{\"$ne\":null}", default)).Should().BeNull();
    }

    [StoreFact]
    public async Task A_token_is_spent_once_and_a_revoked_one_never()
    {
        var token = NewToken();
        var revoked = NewToken();
        await Store.AddAsync(token, default);
        await Store.AddAsync(revoked, default);
        await Store.RevokeFamilyAsync(revoked.FamilyId, Now, default);

        (await Store.TrySpendAsync(token.Id, Now.AddMinutes(1), default)).Should().BeTrue();
        (await Store.TrySpendAsync(token.Id, Now.AddMinutes(2), default)).Should().BeFalse();
        (await Store.TrySpendAsync(revoked.Id, Now, default)).Should().BeFalse();
        (await Store.TrySpendAsync(_ids.NewId(), Now, default)).Should().BeFalse();
        (await Store.TrySpendAsync("not-an-id", Now, default)).Should().BeFalse();
        (await Store.FindByHashAsync(token.TokenHash, default))!.SpentAt.Should().Be(Now.AddMinutes(1));
    }

    [StoreFact]
    public async Task Concurrent_spends_of_one_token_admit_exactly_one()
    {
        var token = NewToken();
        await Store.AddAsync(token, default);
        using var gate = new SemaphoreSlim(0);
        var spends = Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await Store.TrySpendAsync(token.Id, Now, default);
        })).ToList();
        gate.Release(spends.Count);

        var results = await Task.WhenAll(spends);

        results.Count(spent => spent).Should().Be(1);
    }

    [StoreFact]
    public async Task Revoking_a_family_revokes_all_its_tokens_and_nothing_else()
    {
        var family = _ids.NewId();
        var user = _ids.NewId();
        var a = NewToken(user, family);
        var b = NewToken(user, family);
        var other = NewToken(user);
        foreach (var t in new[] { a, b, other })
        {
            await Store.AddAsync(t, default);
        }

        await Store.RevokeFamilyAsync(family, Now.AddHours(1), default);

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
            await Store.AddAsync(t, default);
        }

        await Store.RevokeFamilyAsync(first.FamilyId, Now, default);
        await Store.RevokeAllForUserAsync(user, Now.AddHours(2), default);

        (await Store.FindByHashAsync(first.TokenHash, default))!.RevokedAt.Should().Be(Now);
        (await Store.FindByHashAsync(second.TokenHash, default))!.RevokedAt.Should().Be(Now.AddHours(2));
        (await Store.FindByHashAsync(someoneElse.TokenHash, default))!.RevokedAt.Should().BeNull();
    }
}
