using CleanAuth.Application.Users.DisableAccount;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Users;

public sealed class DisableAccountCommandHandlerTests
{
    private readonly UserHandlerFixture _fixture = new();
    private readonly DisableAccountCommandHandler _handler;

    public DisableAccountCommandHandlerTests() =>
        _handler = new DisableAccountCommandHandler(_fixture.CurrentUser, _fixture.Users, _fixture.Clock);

    [Fact]
    public async Task Disables_the_account_rotates_the_security_stamp_and_persists_both()
    {
        _fixture.Clock.Advance(TimeSpan.FromHours(2));

        await _handler.Handle(new DisableAccountCommand(), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.IsDisabled.Should().BeTrue();
        stored.SecurityStamp.Should().NotBe(_fixture.Stored.SecurityStamp);
        stored.SecurityStamp.Should().NotBeNullOrWhiteSpace();
        stored.UpdatedAt.Should().Be(TestUsers.Epoch.AddHours(2));
        stored.Version.Should().Be(_fixture.Stored.Version + 1);
    }

    [Fact]
    public async Task Keeps_the_account_and_its_data()
    {
        await _handler.Handle(new DisableAccountCommand(), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.Name.Should().Be(_fixture.Stored.Name);
        stored.Email.Should().Be(_fixture.Stored.Email);
        stored.PasswordHash.Should().Be(_fixture.Stored.PasswordHash);
        _fixture.Users.Count.Should().Be(1);
    }
}
