using CleanAuth.Application.Accounts.GetCurrentUser;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class GetCurrentUserQueryHandlerTests
{
    [Fact]
    public async Task Returns_the_current_users_profile()
    {
        var fixture = new UserHandlerFixture();
        var handler = new GetCurrentUserQueryHandler(fixture.CurrentUser, fixture.TwoFactors);

        var profile = await handler.Handle(new GetCurrentUserQuery(), default);

        profile.Id.Should().Be(fixture.Stored.Id.Value);
        profile.Name.Should().Be("Alice");
        profile.Email.Should().Be("alice@example.com");
        profile.Roles.Should().BeEmpty();
        profile.CreatedAt.Should().Be(fixture.Stored.CreatedAt);
        profile.TwoFactorEnabled.Should().BeFalse();
    }

    [Fact]
    public async Task Shows_an_enabled_second_factor_but_not_a_pending_setup()
    {
        var fixture = new UserHandlerFixture();
        var handler = new GetCurrentUserQueryHandler(fixture.CurrentUser, fixture.TwoFactors);
        await fixture.TwoFactors.TryBeginSetupAsync(fixture.Stored.Id, "SEALED", default);

        (await handler.Handle(new GetCurrentUserQuery(), default)).TwoFactorEnabled.Should().BeFalse("a setup is not enabled until a code confirms it");

        await fixture.TwoFactors.TryEnableAsync(fixture.Stored.Id, "SEALED", 1, ["H"], TestUsers.Epoch, default);
        (await handler.Handle(new GetCurrentUserQuery(), default)).TwoFactorEnabled.Should().BeTrue();
    }

    [Fact]
    public async Task Without_a_current_user_it_fails_loudly_instead_of_answering_for_nobody()
    {
        var handler = new GetCurrentUserQueryHandler(new CurrentUserAccessor(), new InMemoryTwoFactorStore());

        var act = () => handler.Handle(new GetCurrentUserQuery(), default);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*IRequireUser*");
    }
}
