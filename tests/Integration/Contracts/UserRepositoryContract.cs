using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>
/// What every <see cref="IUserRepository"/> must do, whatever stores the data. Each adapter runs
/// this same suite; a behaviour that differs between stores fails here first.
/// </summary>
public abstract class UserRepositoryContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IUserRepository Repository { get; }

    private User NewUser(string? email = null, DateTimeOffset? at = null) =>
        User.Register(_ids.NewId(), "Ann Lee", email ?? $"ann-{Guid.NewGuid():N}@Example.com", "HASH", (at ?? Now).AddTicks(4321));

    [StoreFact]
    public async Task An_added_user_is_found_by_id_and_by_email_in_any_case_with_every_field_intact()
    {
        var user = NewUser();

        (await Repository.TryAddAsync(user, default)).Should().BeTrue();

        var byId = await Repository.FindByIdAsync(user.Id, default);
        var byEmail = await Repository.FindByEmailAsync("  " + user.Email.ToUpperInvariant() + " ", default);
        foreach (var found in new[] { byId, byEmail })
        {
            found.Should().NotBeNull();
            found!.Should().BeEquivalentTo(user, options => options.Excluding(u => u.Roles));
            found!.Roles.Should().BeEmpty();
            found!.CreatedAt.Should().Be(user.CreatedAt, "times survive a round trip to the millisecond");
        }
    }

    [StoreFact]
    public async Task A_second_user_with_the_same_normalized_email_is_refused()
    {
        var email = $"dup-{Guid.NewGuid():N}@example.com";
        (await Repository.TryAddAsync(NewUser(email), default)).Should().BeTrue();

        (await Repository.TryAddAsync(NewUser(" " + email.ToUpperInvariant()), default)).Should().BeFalse();
    }

    [StoreFact]
    public async Task Emails_are_compared_by_their_normalized_key_exactly_whatever_the_store()
    {
        var local = $"twin{Guid.NewGuid():N}";
        var plain = NewUser($"{local}@example.com");
        (await Repository.TryAddAsync(plain, default)).Should().BeTrue();

        // Full-width letters are the same address once NFKC-normalized; a zero-width space is a different string
        // (validation refuses it before it gets here), and the store must not fold it away as a collation might.
        (await Repository.TryAddAsync(NewUser($"{local.ToUpperInvariant()}@ｅｘａｍｐｌｅ.com"), default)).Should().BeFalse();
        (await Repository.FindByEmailAsync($"{local}\u200b@example.com", default)).Should().BeNull();
        (await Repository.FindByEmailAsync($"{local}\u00ad@example.com", default)).Should().BeNull();
        (await Repository.FindByEmailAsync($"{local}@ｅｘａｍｐｌｅ.com", default))!.Id.Should().Be(plain.Id);
    }

    [StoreFact]
    public async Task Unknown_and_malformed_ids_and_unknown_emails_find_nothing()
    {
        (await Repository.FindByIdAsync(_ids.NewId(), default)).Should().BeNull();
        (await Repository.FindByIdAsync("not-an-id", default)).Should().BeNull();
        (await Repository.FindByIdAsync("{\"$ne\":null}", default)).Should().BeNull();
        (await Repository.FindByIdAsync("", default)).Should().BeNull();
        (await Repository.FindByEmailAsync($"nobody-{Guid.NewGuid():N}@example.com", default)).Should().BeNull();
    }

    [StoreFact]
    public async Task An_update_stores_every_change_and_advances_the_version()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        var loaded = (await Repository.FindByIdAsync(user.Id, default))!;

        loaded.Rename("Ann Smith", Now.AddHours(1));
        loaded.ReplacePasswordHash("NEWHASH", Now.AddHours(1));
        loaded.Disable(Now.AddHours(2));
        await Repository.UpdateAsync(loaded, default);

        var reloaded = (await Repository.FindByIdAsync(user.Id, default))!;
        reloaded.Should().BeEquivalentTo(loaded, options => options.Excluding(u => u.Roles));
        reloaded.Version.Should().Be(user.Version + 1);
        reloaded.SecurityStamp.Should().NotBe(user.SecurityStamp);
    }

    [StoreFact]
    public async Task An_update_made_from_a_stale_copy_is_refused_and_changes_nothing()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        var first = (await Repository.FindByIdAsync(user.Id, default))!;
        var second = (await Repository.FindByIdAsync(user.Id, default))!;
        first.Rename("First writer", Now);
        await Repository.UpdateAsync(first, default);

        second.Rename("Second writer", Now);
        var stale = () => Repository.UpdateAsync(second, default);

        await stale.Should().ThrowAsync<ConflictException>();
        (await Repository.FindByIdAsync(user.Id, default))!.Name.Should().Be("First writer");
    }

    [StoreFact]
    public async Task Successive_updates_from_the_same_copy_all_land()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);

        user.Rename("One", Now);
        await Repository.UpdateAsync(user, default);
        user.Rename("Two", Now);
        await Repository.UpdateAsync(user, default);

        (await Repository.FindByIdAsync(user.Id, default))!.Name.Should().Be("Two");
    }

    [StoreFact]
    public async Task Lockout_and_last_login_fields_and_roles_round_trip()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        user.RecordSuccessfulLogin(Now.AddMinutes(1));
        user.RecordFailedLogin(Now.AddMinutes(2), 5, TimeSpan.FromMinutes(5));
        user.GrantRole(Role.Admin, Now);
        await Repository.UpdateAsync(user, default);

        var reloaded = (await Repository.FindByIdAsync(user.Id, default))!;
        reloaded.LastLoginAt.Should().Be(Now.AddMinutes(1));
        reloaded.FailedLoginCount.Should().Be(1);
        reloaded.LockoutEnd.Should().BeNull();
        reloaded.Roles.Should().Equal(Role.Admin);

        reloaded.RecordFailedLogin(Now.AddMinutes(3), 2, TimeSpan.FromMinutes(5)).Should().BeTrue();
        await Repository.UpdateAsync(reloaded, default);
        var locked = (await Repository.FindByIdAsync(user.Id, default))!;
        locked.LockoutEnd.Should().Be(Now.AddMinutes(8));
        locked.FailedLoginCount.Should().Be(0);
    }

    [StoreFact]
    public async Task Listing_pages_in_creation_order_and_filters_by_part_of_the_email_in_any_case()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var users = Enumerable.Range(0, 5).Select(i => NewUser($"list-{tag}-{i}@example.com")).ToList();
        foreach (var user in users)
        {
            await Repository.TryAddAsync(user, default);
        }

        var page = await Repository.ListAsync(1, 2, "LIST-" + tag.ToUpperInvariant(), default);
        var all = await Repository.ListAsync(0, 1000, null, default);
        var regexLike = await Repository.ListAsync(0, 10, ".*", default);

        page.TotalCount.Should().Be(5);
        page.Items.Select(u => u.Id).Should().Equal(users[1].Id, users[2].Id);
        all.TotalCount.Should().BeGreaterThanOrEqualTo(5);
        all.Items.Select(u => u.Id).Should().BeInAscendingOrder(StringComparer.Ordinal);
        regexLike.TotalCount.Should().Be(0, "the filter is text, not a pattern");
        (await Repository.ListAsync(0, 10, "%", default)).TotalCount.Should().Be(0, "nor a LIKE pattern");
        (await Repository.ListAsync(0, 10, "list_" + tag, default)).TotalCount.Should().Be(0);
    }

    [StoreFact]
    public async Task Active_administrators_are_counted_and_any_administrator_is_seen()
    {
        var before = await Repository.CountActiveAdminsAsync(default);
        var active = NewUser();
        active.GrantRole(Role.Admin, Now);
        var disabled = NewUser();
        disabled.GrantRole(Role.Admin, Now);
        disabled.Disable(Now);
        await Repository.TryAddAsync(active, default);
        await Repository.TryAddAsync(disabled, default);
        await Repository.TryAddAsync(NewUser(), default);

        (await Repository.CountActiveAdminsAsync(default)).Should().Be(before + 1);
        (await Repository.AnyAdminAsync(default)).Should().BeTrue();
    }

    /// <summary>Only stores that enforce unique indexes can pass this; the Mongo-wire test server does not.</summary>
    protected async Task Concurrent_adds_of_one_email_admit_exactly_one_core()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";
        using var gate = new SemaphoreSlim(0);
        var adds = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await Repository.TryAddAsync(NewUser(i % 2 == 0 ? email : email.ToUpperInvariant()), default);
        })).ToList();
        gate.Release(adds.Count);

        var results = await Task.WhenAll(adds);

        results.Count(added => added).Should().Be(1);
    }
}
