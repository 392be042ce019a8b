using CleanAuth.Application.Accounts.UpdateProfile;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class UpdateProfileCommandHandlerTests
{
    private readonly UserHandlerFixture _fixture = new();
    private readonly UpdateProfileCommandHandler _handler;

    public UpdateProfileCommandHandlerTests() =>
        _handler = new UpdateProfileCommandHandler(_fixture.CurrentUser, _fixture.Users, _fixture.TwoFactors, _fixture.Clock);

    [Fact]
    public async Task Renames_the_user_and_persists_the_trimmed_name()
    {
        var profile = await _handler.Handle(new UpdateProfileCommand("  Alice Liddell  "), default);

        profile.Name.Should().Be("Alice Liddell");
        profile.Id.Should().Be(_fixture.Stored.Id.Value);
        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.Name.Should().Be("Alice Liddell");
        stored.Version.Should().Be(_fixture.Stored.Version + 1);
        stored.Email.Should().Be(_fixture.Stored.Email);
        stored.PasswordHash.Should().Be(_fixture.Stored.PasswordHash);
        stored.SecurityStamp.Should().Be(_fixture.Stored.SecurityStamp, "a rename must not sign the user out");
    }

    [Fact]
    public async Task UpdatedAt_moves_with_the_clock_and_CreatedAt_does_not()
    {
        _fixture.Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromTicks(4_321)));

        await _handler.Handle(new UpdateProfileCommand("Alicia"), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.UpdatedAt.Should().Be(_fixture.Stored.CreatedAt.AddMinutes(5));
        stored.CreatedAt.Should().Be(_fixture.Stored.CreatedAt);
    }

    [Fact]
    public async Task A_concurrent_change_of_the_same_user_is_a_conflict_not_a_lost_update()
    {
        _fixture.Users.SimulateConcurrentWrite(_fixture.Stored.Id, u => u.Rename(PersonName.Create("Changed elsewhere"), TestUsers.Epoch));

        var act = () => _handler.Handle(new UpdateProfileCommand("Alicia"), default);

        await act.Should().ThrowAsync<ConflictException>();
        _fixture.Users.Stored(_fixture.Stored.Id)!.Name.Should().Be("Changed elsewhere");
    }
}
