using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.ListUsers;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _current = new();
    private int _nextCalls;

    [Fact]
    public async Task A_user_without_the_role_is_forbidden_the_handler_never_runs_and_the_denial_is_logged()
    {
        _current.Set(TestUsers.New());
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, PagedList<UserSummary>>(_current, _kit.Events);

        var act = () => behaviour.Handle(new ListUsersQuery(1, 1, null), default, Next<PagedList<UserSummary>>);

        await act.Should().ThrowAsync<ForbiddenException>();
        _nextCalls.Should().Be(0);
        var denied = _kit.Log.Entries.Should().ContainSingle().Subject;
        denied.EventId.Name.Should().Be("AuthorizationDenied");
        denied["RequestName"].Should().Be(nameof(ListUsersQuery));
        denied["RequiredRole"].Should().Be(Role.Admin);
    }

    [Fact]
    public async Task A_user_with_the_role_passes()
    {
        var admin = TestUsers.New();
        admin.GrantRole(Role.Admin, TestUsers.Epoch);
        _current.Set(admin);

        await new AuthorizationBehaviour<ListUsersQuery, PagedList<UserSummary>>(_current, _kit.Events).Handle(new ListUsersQuery(1, 1, null), default, Next<PagedList<UserSummary>>);

        _nextCalls.Should().Be(1);
        _kit.Log.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_whose_role_is_null_needs_none_and_unmarked_requests_are_not_looked_at()
    {
        _current.Set(TestUsers.New());

        await new AuthorizationBehaviour<DisableAccountCommand, MediatR.Unit>(_current, _kit.Events).Handle(new DisableAccountCommand(), default, Next<MediatR.Unit>);
        var forbidden = () => new AuthorizationBehaviour<DisableAccountCommand, MediatR.Unit>(_current, _kit.Events)
            .Handle(new DisableAccountCommand("000000000000000000000def"), default, Next<MediatR.Unit>);
        await forbidden.Should().ThrowAsync<ForbiddenException>();

        await new AuthorizationBehaviour<string, MediatR.Unit>(new CurrentUserAccessor(), _kit.Events).Handle("not marked", default, Next<MediatR.Unit>);
        _nextCalls.Should().Be(2);
    }

    private Task<T> Next<T>()
    {
        _nextCalls++;
        return Task.FromResult(default(T)!);
    }
}
