using CleanAuth.Application.Accounts.BootstrapAdmin;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.EnableAccount;
using CleanAuth.Application.Accounts.GrantAdminRole;
using CleanAuth.Application.Accounts.ListUsers;
using CleanAuth.Application.Accounts.RevokeAdminRole;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class AdminHandlerTests
{
    private readonly UserHandlerFixture _fixture = new();
    private readonly AccountFakes _kit = new();
    private readonly User _bob;

    public AdminHandlerTests()
    {
        _fixture.CurrentUser.User.GrantRole(Role.Admin, TestUsers.Epoch);
        _fixture.Users.UpdateAsync(_fixture.CurrentUser.User, default).GetAwaiter().GetResult();
        _fixture.CurrentUser.Set(_fixture.Users.Stored(_fixture.Stored.Id)!);
        _bob = _fixture.Users.Seed(TestUsers.New(id: "000000000000000000000def", name: "Bob", email: "bob@example.com"));
    }

    [Fact]
    public async Task Enable_re_enables_a_disabled_user_and_logs_it_once()
    {
        _fixture.Users.SimulateConcurrentWrite(_bob.Id, u => u.Disable(TestUsers.Epoch));
        var handler = new EnableAccountCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Events, _kit.Activity, _fixture.Clock);

        await handler.Handle(new EnableAccountCommand(_bob.Id.Value), default);
        await handler.Handle(new EnableAccountCommand(_bob.Id.Value), default);

        _fixture.Users.Stored(_bob.Id)!.IsDisabled.Should().BeFalse();
        _kit.EventNames.Should().Equal("AccountEnabled");
        var unknown = () => handler.Handle(new EnableAccountCommand("nope"), default);
        (await unknown.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("No user has this id.");
    }

    [Fact]
    public async Task Grant_then_revoke_admin_changes_the_stored_roles_and_logs_both()
    {
        await new GrantAdminRoleCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Events, _fixture.Clock).Handle(new GrantAdminRoleCommand(_bob.Id.Value), default);
        _fixture.Users.Stored(_bob.Id)!.Roles.Should().Equal(Role.Admin);

        await new RevokeAdminRoleCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Events, _fixture.Clock).Handle(new RevokeAdminRoleCommand(_bob.Id.Value), default);

        _fixture.Users.Stored(_bob.Id)!.Roles.Should().BeEmpty();
        _kit.EventNames.Should().Equal("RoleGranted", "RoleRevoked");
        _kit.Log.Entries[0]["ActorId"].Should().Be(_fixture.Stored.Id.Value);
    }

    [Fact]
    public async Task Revoking_the_admin_role_of_a_user_without_it_changes_nothing_and_logs_nothing()
    {
        var updates = _fixture.Users.UpdateCalls;

        await new RevokeAdminRoleCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Events, _fixture.Clock).Handle(new RevokeAdminRoleCommand(_bob.Id.Value), default);

        _fixture.Users.UpdateCalls.Should().Be(updates);
        _kit.Log.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task Revoking_the_last_active_admin_is_a_conflict()
    {
        var handler = new RevokeAdminRoleCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Events, _fixture.Clock);

        var act = () => handler.Handle(new RevokeAdminRoleCommand(_fixture.Stored.Id.Value), default);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Be(LastAdministratorException.LastAdministrator);
        _fixture.Users.Stored(_fixture.Stored.Id)!.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Listing_pages_users_and_shows_no_secret_fields()
    {
        var handler = new ListUsersQueryHandler(_fixture.Users, _fixture.TwoFactors);

        var page = await handler.Handle(new ListUsersQuery(2, 1, null), default);
        var filtered = await handler.Handle(new ListUsersQuery(null, null, " BOB@ "), default);

        page.TotalCount.Should().Be(2);
        page.Page.Should().Be(2);
        page.PageSize.Should().Be(1);
        page.Items.Should().ContainSingle().Which.Id.Should().Be(_bob.Id.Value);
        filtered.Items.Should().ContainSingle().Which.Email.Should().Be("bob@example.com");
        filtered.PageSize.Should().Be(ListUsersQuery.DefaultPageSize);
        typeof(UserSummary).GetProperties().Select(p => p.Name)
            .Should().BeEquivalentTo("Id", "Name", "Email", "Roles", "Disabled", "CreatedAt", "LastLoginAt", "EmailConfirmed", "TwoFactorEnabled");
    }

    [Fact]
    public async Task A_later_page_skips_every_earlier_page_and_a_page_past_the_end_is_empty()
    {
        foreach (var id in new[] { "000000000000000000000f01", "000000000000000000000f02", "000000000000000000000f03" })
        {
            _fixture.Users.Seed(TestUsers.New(id: id, email: $"{id}@example.com"));
        }

        var handler = new ListUsersQueryHandler(_fixture.Users, _fixture.TwoFactors);

        var third = await handler.Handle(new ListUsersQuery(3, 2, null), default);
        var second = await handler.Handle(new ListUsersQuery(2, 2, null), default);
        var beyond = await handler.Handle(new ListUsersQuery(4, 2, null), default);

        third.Items.Select(u => u.Id).Should().Equal("000000000000000000000f03");
        second.Items.Select(u => u.Id).Should().Equal("000000000000000000000f01", "000000000000000000000f02");
        beyond.Items.Should().BeEmpty();
        beyond.TotalCount.Should().Be(5);
    }

    [Fact]
    public void The_list_validator_caps_the_email_filter_at_an_emails_length()
    {
        var validator = new ListUsersQueryValidator();

        validator.Validate(new ListUsersQuery(null, null, new string('a', 254))).IsValid.Should().BeTrue();
        validator.Validate(new ListUsersQuery(null, null, new string('a', 255))).Errors.Select(e => e.PropertyName).Should().Equal("Email");
    }

    [Fact]
    public void The_list_validator_bounds_page_and_page_size()
    {
        var validator = new ListUsersQueryValidator();

        validator.Validate(new ListUsersQuery(0, 101, null)).Errors.Select(e => e.PropertyName).Should().BeEquivalentTo("Page", "PageSize");
        // The same rule in the same words as the book list's: the query parameters as a client sends them.
        validator.Validate(new ListUsersQuery(0, 101, null)).Errors.Select(e => e.ErrorMessage).Should()
            .BeEquivalentTo("page must be between 1 and 1000000.", "pageSize must be between 1 and 100.");
        validator.Validate(new ListUsersQuery(null, null, null)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Every_admin_request_requires_the_admin_role()
    {
        new object[] { new EnableAccountCommand("x"), new GrantAdminRoleCommand("x"), new RevokeAdminRoleCommand("x"), new ListUsersQuery(1, 1, null) }
            .Cast<CleanAuth.Application.Common.Abstractions.IRequireRole>()
            .Should().OnlyContain(r => r.RequiredRole == Role.Admin);
    }
}

public sealed class BootstrapAdminCommandHandlerTests
{
    private readonly AccountFakes _kit = new();

    private BootstrapAdminCommandHandler Handler => new(_kit.Users, _kit.Hasher, _kit.Ids, _kit.Clock);

    [Fact]
    public async Task With_no_admin_registers_the_configured_account_as_admin_and_then_does_nothing()
    {
        var first = await Handler.Handle(new BootstrapAdminCommand("root@example.com", "bootstrap passphrase"), default);
        var second = await Handler.Handle(new BootstrapAdminCommand("other@example.com", "bootstrap passphrase"), default);

        first.Should().Be(BootstrapOutcome.Registered);
        second.Should().Be(BootstrapOutcome.AdminAlreadyExists);
        var root = (await _kit.Users.FindByEmailAsync("root@example.com", default))!;
        root.IsAdmin.Should().BeTrue();
        root.Name.Should().Be("Administrator");
        _kit.Hasher.Verify(root.PasswordHash, "bootstrap passphrase").Should().NotBe(CleanAuth.Application.Accounts.Ports.PasswordVerification.Failed);
        _kit.Users.Count.Should().Be(1);
    }

    [Fact]
    public async Task An_existing_account_is_promoted_only_when_the_configured_password_opens_it()
    {
        var alice = _kit.Users.Seed(TestUsers.New(password: "bootstrap passphrase"));

        var outcome = await Handler.Handle(new BootstrapAdminCommand(alice.Email.ToUpperInvariant(), "bootstrap passphrase"), default);

        outcome.Should().Be(BootstrapOutcome.Promoted);
        var stored = _kit.Users.Stored(alice.Id)!;
        stored.IsAdmin.Should().BeTrue();
        stored.PasswordHash.Should().Be(alice.PasswordHash);
    }

    [Fact]
    public async Task Whoever_registered_the_configured_email_first_is_not_promoted_without_its_password()
    {
        var squatter = _kit.Users.Seed(TestUsers.New(password: "the squatter's own passphrase"));

        var outcome = await Handler.Handle(new BootstrapAdminCommand(squatter.Email, "bootstrap passphrase"), default);

        outcome.Should().Be(BootstrapOutcome.Refused);
        _kit.Users.Stored(squatter.Id)!.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task A_disabled_administrator_does_not_count_so_the_configured_account_is_still_made_one()
    {
        var disabledAdmin = TestUsers.New(id: "000000000000000000000aaa", email: "old-admin@example.com");
        disabledAdmin.GrantRole(Role.Admin, TestUsers.Epoch);
        disabledAdmin.Disable(TestUsers.Epoch);
        _kit.Users.Seed(disabledAdmin);

        var outcome = await Handler.Handle(new BootstrapAdminCommand("root@example.com", "bootstrap passphrase"), default);

        outcome.Should().Be(BootstrapOutcome.Registered);
        (await _kit.Users.CountActiveAdminsAsync(default)).Should().Be(1);
    }

    [Fact]
    public async Task A_disabled_configured_account_that_the_password_opens_is_promoted_and_enabled()
    {
        var root = TestUsers.New(password: "bootstrap passphrase");
        root.GrantRole(Role.Admin, TestUsers.Epoch);
        root.Disable(TestUsers.Epoch);
        _kit.Users.Seed(root);

        var outcome = await Handler.Handle(new BootstrapAdminCommand(root.Email, "bootstrap passphrase"), default);

        outcome.Should().Be(BootstrapOutcome.Promoted);
        _kit.Users.Stored(root.Id)!.IsActiveAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Of_two_admins_disabling_each_other_one_gets_409()
    {
        var fixture = new UserHandlerFixture();
        fixture.CurrentUser.User.GrantRole(Role.Admin, TestUsers.Epoch);
        await fixture.Users.UpdateAsync(fixture.CurrentUser.User, default);
        var bob = TestUsers.New(id: "000000000000000000000def", name: "Bob", email: "bob@example.com");
        bob.GrantRole(Role.Admin, TestUsers.Epoch);
        fixture.Users.Seed(bob);
        var bobAsCurrent = new CleanAuth.Application.Common.Behaviours.CurrentUserAccessor();
        bobAsCurrent.Set((await fixture.Users.FindByIdAsync(bob.Id, default))!);

        // Both requests have read both admins as active before either writes.
        var byAlice = new CleanAuth.Application.Accounts.DisableAccount.DisableAccountCommandHandler(fixture.CurrentUser, fixture.Users, _kit.Store, _kit.Events, _kit.Activity, fixture.Clock)
            .Handle(new CleanAuth.Application.Accounts.DisableAccount.DisableAccountCommand(bob.Id.Value), default);
        var byBob = () => new CleanAuth.Application.Accounts.DisableAccount.DisableAccountCommandHandler(bobAsCurrent, fixture.Users, _kit.Store, _kit.Events, _kit.Activity, fixture.Clock)
            .Handle(new CleanAuth.Application.Accounts.DisableAccount.DisableAccountCommand(fixture.Stored.Id.Value), default);
        await byAlice;

        (await byBob.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Be(LastAdministratorException.LastAdministrator);
        (await fixture.Users.CountActiveAdminsAsync(default)).Should().Be(1);
    }

    [Fact]
    public void The_configured_password_must_meet_the_registration_policy()
    {
        new BootstrapAdminCommandValidator().Validate(new BootstrapAdminCommand("root@example.com", "password")).IsValid.Should().BeFalse();
        new BootstrapAdminCommandValidator().Validate(new BootstrapAdminCommand("root@", "secret passphrase")).Errors
            .Select(e => e.PropertyName).Should().Equal("Email");
        new BootstrapAdminCommand("root@example.com", "secret passphrase").ToString().Should().Contain("root@example.com").And.NotContain("secret");
    }
}
