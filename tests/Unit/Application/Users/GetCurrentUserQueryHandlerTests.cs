using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Users.GetCurrentUser;

namespace CleanAuth.Tests.Unit.Application.Users;

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
    }

    [Fact]
    public async Task Without_a_current_user_it_fails_loudly_instead_of_answering_for_nobody()
    {
        var handler = new GetCurrentUserQueryHandler(new CurrentUserAccessor());

        var act = () => handler.Handle(new GetCurrentUserQuery(), default);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*IRequireUser*");
    }
}
