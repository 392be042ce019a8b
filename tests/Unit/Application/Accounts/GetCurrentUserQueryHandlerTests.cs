using CleanAuth.Application.Accounts.GetCurrentUser;
using CleanAuth.Application.Common.Behaviours;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class GetCurrentUserQueryHandlerTests
{
    [Fact]
    public async Task Returns_the_current_users_profile()
    {
        var fixture = new UserHandlerFixture();
        var handler = new GetCurrentUserQueryHandler(fixture.CurrentUser);

        var profile = await handler.Handle(new GetCurrentUserQuery(), default);

        profile.Id.Should().Be(fixture.Stored.Id.Value);
        profile.Name.Should().Be("Alice");
        profile.Email.Should().Be("alice@example.com");
        profile.Roles.Should().BeEmpty();
        profile.CreatedAt.Should().Be(fixture.Stored.CreatedAt);
        profile.TwoFactorEnabled.Should().BeFalse();
    }

    [Fact]
    public async Task Shows_the_second_factor_state_the_callers_one_read_brought_without_a_read_of_its_own()
    {
        var fixture = new UserHandlerFixture();
        fixture.CurrentUser.Set(fixture.Stored, twoFactorEnabled: true);

        (await new GetCurrentUserQueryHandler(fixture.CurrentUser).Handle(new GetCurrentUserQuery(), default)).TwoFactorEnabled.Should().BeTrue();
    }

    [Fact]
    public async Task Without_a_current_user_it_fails_loudly_instead_of_answering_for_nobody()
    {
        var handler = new GetCurrentUserQueryHandler(new CurrentUserAccessor());

        var act = () => handler.Handle(new GetCurrentUserQuery(), default);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*IRequireUser*");
    }
}
