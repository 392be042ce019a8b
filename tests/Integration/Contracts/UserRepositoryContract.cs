using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
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
        User.Register(UserId.From(_ids.NewId()), PersonName.Create("Ann Lee"), EmailAddress.Create(email ?? $"ann-{Guid.NewGuid():N}@Example.com"), "HASH", (at ?? Now).AddTicks(4321));

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
    public async Task Unknown_ids_and_unknown_emails_find_nothing()
    {
        (await Repository.FindByIdAsync(UserId.From(_ids.NewId()), default)).Should().BeNull();
        (await Repository.FindByEmailAsync($"nobody-{Guid.NewGuid():N}@example.com", default)).Should().BeNull();
    }

    [StoreFact]
    public async Task An_update_stores_every_change_and_advances_the_version()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        var loaded = (await Repository.FindByIdAsync(user.Id, default))!;

        loaded.Rename(PersonName.Create("Ann Smith"), Now.AddHours(1));
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
        first.Rename(PersonName.Create("First writer"), Now);
        await Repository.UpdateAsync(first, default);

        second.Rename(PersonName.Create("Second writer"), Now);
        var stale = () => Repository.UpdateAsync(second, default);

        await stale.Should().ThrowAsync<AccountChangedException>();
        (await Repository.FindByIdAsync(user.Id, default))!.Name.Should().Be("First writer");
    }

    [StoreFact]
    public async Task Successive_updates_from_the_same_copy_all_land()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);

        user.Rename(PersonName.Create("One"), Now);
        await Repository.UpdateAsync(user, default);
        user.Rename(PersonName.Create("Two"), Now);
        await Repository.UpdateAsync(user, default);

        (await Repository.FindByIdAsync(user.Id, default))!.Name.Should().Be("Two");
    }

    [StoreFact]
    public async Task Roles_round_trip_and_an_update_leaves_the_sign_in_state_alone()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        var stale = (await Repository.FindByIdAsync(user.Id, default))!;
        (await Repository.ReserveSignInAttemptAsync(user.Id, Now, 5, TimeSpan.FromMinutes(5), default)).Should().Be(SignInReservation.Reserved);
        await Repository.RecordSignInSuccessAsync(user.Id, Now.AddMinutes(1).AddTicks(5), default);
        await Repository.ReserveSignInAttemptAsync(user.Id, Now, 5, TimeSpan.FromMinutes(5), default);

        stale.GrantRole(Role.Admin, Now);
        await Repository.UpdateAsync(stale, default);

        var reloaded = (await Repository.FindByIdAsync(user.Id, default))!;
        reloaded.Roles.Should().Equal(Role.Admin);
        reloaded.LastLoginAt.Should().Be(Now.AddMinutes(1), "kept to the millisecond");
        reloaded.FailedLoginCount.Should().Be(1, "a copy read before the reservation does not undo it");
    }

    [StoreFact]
    public async Task Parallel_reservations_grant_exactly_the_budget_and_the_last_one_sets_the_lock()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        var lockout = TimeSpan.FromMinutes(5);

        var outcomes = await Together(30, _ => Repository.ReserveSignInAttemptAsync(user.Id, Now, 5, lockout, default));

        outcomes.Count(o => o == SignInReservation.Reserved).Should().Be(4);
        outcomes.Count(o => o == SignInReservation.ReservedLast).Should().Be(1);
        var locked = (await Repository.FindByIdAsync(user.Id, default))!;
        locked.FailedLoginCount.Should().Be(5);
        locked.LockoutEnd.Should().Be(Now.AddMinutes(5));
        (await Repository.ReserveSignInAttemptAsync(user.Id, Now.AddMinutes(4), 5, lockout, default)).Should().Be(SignInReservation.Refused);

        var afterLock = await Together(30, _ => Repository.ReserveSignInAttemptAsync(user.Id, Now.AddMinutes(5), 5, lockout, default));

        afterLock.Count(o => o != SignInReservation.Refused).Should().Be(5, "an ended lock starts a new window of the same budget");
        (await Repository.FindByIdAsync(user.Id, default))!.LockoutEnd.Should().Be(Now.AddMinutes(10));
        (await Repository.ReserveSignInAttemptAsync(UserId.From(_ids.NewId()), Now, 5, lockout, default)).Should().Be(SignInReservation.Refused);
    }

    [StoreFact]
    public async Task Reservations_racing_updates_and_a_success_are_never_lost()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);

        // Renames from stale copies race the reservations: every reservation must still be counted.
        await Together(16, async i =>
        {
            if (i % 2 == 0)
            {
                return (await Repository.ReserveSignInAttemptAsync(user.Id, Now, 100, TimeSpan.FromMinutes(5), default)).ToString();
            }

            var copy = (await Repository.FindByIdAsync(user.Id, default))!;
            copy.Rename(PersonName.Create($"Renamed {i}"), Now);
            try
            {
                await Repository.UpdateAsync(copy, default);
            }
            catch (ConflictException)
            {
            }

            return "update";
        });

        (await Repository.FindByIdAsync(user.Id, default))!.FailedLoginCount.Should().Be(8);
        await Repository.RecordSignInSuccessAsync(user.Id, null, default);
        var cleared = (await Repository.FindByIdAsync(user.Id, default))!;
        cleared.FailedLoginCount.Should().Be(0);
        cleared.LockoutEnd.Should().BeNull();
        cleared.LastLoginAt.Should().BeNull();
    }

    [StoreFact]
    public async Task A_rehash_replaces_only_the_hash_it_was_made_from()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);

        await Repository.ReplacePasswordHashAsync(user.Id, "NOT THE STORED HASH", "REHASHED", default);
        (await Repository.FindByIdAsync(user.Id, default))!.PasswordHash.Should().Be("HASH");

        await Repository.ReplacePasswordHashAsync(user.Id, "HASH", "REHASHED", default);
        (await Repository.FindByIdAsync(user.Id, default))!.PasswordHash.Should().Be("REHASHED");
    }

    [StoreFact]
    public async Task Active_admins_removing_themselves_and_each_other_in_parallel_always_leave_exactly_one()
    {
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                var admin = NewUser();
                admin.GrantRole(Role.Admin, Now);
                await Repository.TryAddAsync(admin, default);
            }

            // Every active admin in the store, each taken away by a disable or a revoked role, all at once.
            var admins = (await Repository.ListAsync(1, 10_000, null, default)).Items.Where(u => u.IsActiveAdmin).ToList();
            var results = await Together(admins.Count, i =>
            {
                if (i % 2 == 0)
                {
                    admins[i].Disable(Now);
                }
                else
                {
                    admins[i].RevokeRole(Role.Admin, Now);
                }

                return Repository.TryUpdateRemovingActiveAdminAsync(admins[i], default);
            });

            results.Count(removed => !removed).Should().Be(1, $"round {round}: only the last one is refused");
            (await Repository.CountActiveAdminsAsync(default)).Should().Be(1, $"round {round}");
        }
    }

    [StoreFact]
    public async Task Taking_an_active_admin_away_needs_the_guarded_update_and_a_stale_one_is_a_conflict()
    {
        var first = NewUser();
        var second = NewUser();
        first.GrantRole(Role.Admin, Now);
        second.GrantRole(Role.Admin, Now);
        await Repository.TryAddAsync(first, default);
        await Repository.TryAddAsync(second, default);
        var copy = (await Repository.FindByIdAsync(first.Id, default))!;
        var stale = (await Repository.FindByIdAsync(first.Id, default))!;

        copy.Disable(Now);
        var plain = () => Repository.UpdateAsync(copy, default);
        await plain.Should().ThrowAsync<InvalidOperationException>();
        (await Repository.TryUpdateRemovingActiveAdminAsync(copy, default)).Should().BeTrue();

        stale.RevokeRole(Role.Admin, Now);
        var conflict = () => Repository.TryUpdateRemovingActiveAdminAsync(stale, default);
        await conflict.Should().ThrowAsync<AccountChangedException>();
        var reloaded = (await Repository.FindByIdAsync(first.Id, default))!;
        reloaded.IsDisabled.Should().BeTrue();
        reloaded.IsAdmin.Should().BeTrue();
    }

    // Every call waits at one gate, then all run at once on the thread pool.
    private static async Task<T[]> Together<T>(int count, Func<int, Task<T>> call)
    {
        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await call(i);
        })).ToList();
        gate.Release(calls.Count);
        return await Task.WhenAll(calls);
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

        var page = await Repository.ListAsync(2, 2, "LIST-" + tag.ToUpperInvariant(), default);
        var all = await Repository.ListAsync(1, 1000, null, default);
        var regexLike = await Repository.ListAsync(1, 10, ".*", default);

        page.TotalCount.Should().Be(5);
        page.Items.Select(u => u.Id).Should().Equal(users[2].Id, users[3].Id);
        all.TotalCount.Should().BeGreaterThanOrEqualTo(5);
        all.Items.Select(u => u.Id.Value).Should().BeInAscendingOrder(StringComparer.Ordinal);
        regexLike.TotalCount.Should().Be(0, "the filter is text, not a pattern");
        (await Repository.ListAsync(1, 10, "%", default)).TotalCount.Should().Be(0, "nor a LIKE pattern");
        (await Repository.ListAsync(1, 10, "list_" + tag, default)).TotalCount.Should().Be(0);
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
    }

    /// <summary>Only stores that enforce unique indexes can pass this; the Mongo-wire test server does not.</summary>
    [StoreFact]
    public async Task A_new_user_is_unconfirmed_and_a_confirmation_sticks_through_a_stale_update()
    {
        var user = NewUser();
        await Repository.TryAddAsync(user, default);
        var stale = (await Repository.FindByIdAsync(user.Id, default))!;
        stale.EmailConfirmed.Should().BeFalse();

        await Repository.MarkEmailConfirmedAsync(user.Id, default);
        await Repository.MarkEmailConfirmedAsync(user.Id, default);
        stale.Rename(PersonName.Create("Ann L."), Now);
        await Repository.UpdateAsync(stale, default);

        var found = (await Repository.FindByIdAsync(user.Id, default))!;
        found.EmailConfirmed.Should().BeTrue("an update never writes the flag");
        found.Name.Should().Be("Ann L.");
        (await Repository.ListAsync(1, 100, user.Email, default)).Items.Single().EmailConfirmed.Should().BeTrue();
        await Repository.MarkEmailConfirmedAsync(UserId.From(_ids.NewId()), default);
    }

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
