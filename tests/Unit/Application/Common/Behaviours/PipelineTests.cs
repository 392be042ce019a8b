using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.GetCurrentUser;
using CleanAuth.Application.Accounts.ListUsers;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Refresh;
using CleanAuth.Application.Accounts.RegisterUser;
using CleanAuth.Application.Accounts.UpdateProfile;
using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.GetBook;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

/// <summary>The whole pipeline as <c>AddApplication()</c> wires it, with the ports replaced by fakes.</summary>
public sealed class PipelineTests : IDisposable
{
    private const string Password = "vivid tundra marble quokka";

    private readonly FakeApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void Behaviours_run_in_the_documented_order_so_a_refused_request_never_takes_a_hashing_slot()
    {
        using var scope = _app.Services.CreateScope();

        scope.ServiceProvider.GetServices<IPipelineBehavior<LoginCommand, SignedIn>>().Select(b => b.GetType().GetGenericTypeDefinition())
            .Should().Equal(
                typeof(TracingBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>),
                typeof(CurrentUserBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(RecentSignInBehaviour<,>), typeof(PasswordHashingBehaviour<,>));
    }

    [Fact]
    public async Task Register_login_and_read_the_profile_through_the_pipeline()
    {
        var registered = await Send(new RegisterUserCommand(" Alice ", "alice@example.com", Password));
        var login = (await Send(new LoginCommand("alice@example.com", Password))).Tokens;
        SignInAs(registered.Id);

        var profile = await Send(new GetCurrentUserQuery());

        login.TokenType.Should().Be("Bearer");
        profile.Id.Should().Be(registered.Id);
        profile.Name.Should().Be("Alice");
    }

    [Fact]
    public async Task An_invalid_request_is_refused_before_the_handler_runs_and_the_refusal_is_logged_at_Information()
    {
        var act = () => Send(new RegisterUserCommand("", "nope", "short"));

        var errors = (await act.Should().ThrowAsync<ValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("name", "email", "password");
        _app.Hasher.HashCalls.Should().BeEmpty();
        _app.Users.Count.Should().Be(0);
        var entry = Logged<RegisterUserCommand, RegisteredUser>().Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Information);
        entry["Outcome"].Should().Be(nameof(ValidationException));
    }

    [Fact]
    public async Task Validation_runs_before_the_user_is_loaded()
    {
        var registered = await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));
        SignInAs(registered.Id);

        var act = () => Send(new UpdateProfileCommand("   "));

        await act.Should().ThrowAsync<ValidationException>();
        _app.Users.FindByIdCalls.Should().Be(0);
    }

    [Fact]
    public async Task An_anonymous_caller_cannot_read_a_profile()
    {
        var act = () => Send(new GetCurrentUserQuery());

        await act.Should().ThrowAsync<UnauthorizedException>();
        Logged<GetCurrentUserQuery, UserProfile>().Should().ContainSingle().Which["Outcome"].Should().Be(nameof(UnauthorizedException));
    }

    [Fact]
    public async Task After_disabling_the_account_the_same_token_no_longer_works_and_login_is_refused()
    {
        var registered = await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));
        SignInAs(registered.Id);

        var stale = SignedInBefore(TestUsers.Epoch.AddMinutes(-6));
        await stale.Should().ThrowAsync<RecentSignInRequiredException>("an old sign-in cannot disable, even with a valid token");
        _app.Caller.AuthTime = TestUsers.Epoch;
        await Send(new DisableAccountCommand());

        var read = () => Send(new GetCurrentUserQuery());
        await read.Should().ThrowAsync<UnauthorizedException>();
        var login = () => Send(new LoginCommand("alice@example.com", Password));
        await login.Should().ThrowAsync<UnauthorizedException>();
    }

    [Fact]
    public async Task A_rename_is_visible_to_the_next_request()
    {
        var registered = await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));
        SignInAs(registered.Id);

        await Send(new UpdateProfileCommand("Alicia"));

        (await Send(new GetCurrentUserQuery())).Name.Should().Be("Alicia");
    }

    [Fact]
    public async Task Add_a_book_and_read_it_back_through_the_pipeline()
    {
        var registered = await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));
        SignInAs(registered.Id);

        var added = await Send(new AddBookCommand(" Dune ", null, "Science", null, FakeUpload.Png()));
        var read = await Send(new GetBookQuery(added.Id));

        read.Should().Be(added);
        read.Title.Should().Be("Dune");
        _app.Books.Stored(BookId.From(added.Id))!.OwnerId.Should().Be(UserId.From(registered.Id));
        _app.Covers.LiveFileIds.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_add_without_a_cover_is_refused_before_anything_is_stored()
    {
        var registered = await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));
        SignInAs(registered.Id);

        var act = () => Send(new AddBookCommand("", null, "cooking", null, null));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().BeEquivalentTo("title", "category", "cover");
        _app.Books.Count.Should().Be(0);
        _app.Covers.SaveCalls.Should().Be(0);
    }

    [Fact]
    public async Task An_anonymous_caller_cannot_add_a_book()
    {
        var act = () => Send(new AddBookCommand("Dune", null, "science", null, FakeUpload.Png()));

        await act.Should().ThrowAsync<UnauthorizedException>();
        _app.Covers.SaveCalls.Should().Be(0);
        Logged<AddBookCommand, BookDetails>().Should().ContainSingle().Which["Outcome"].Should().Be(nameof(UnauthorizedException));
    }

    [Fact]
    public async Task Admin_requests_are_401_for_anonymous_callers_403_for_users_and_run_for_admins()
    {
        var registered = await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));

        var anonymous = () => Send(new ListUsersQuery(1, 10, null));
        await anonymous.Should().ThrowAsync<UnauthorizedException>("the user is loaded before roles are checked");

        SignInAs(registered.Id);
        var user = () => Send(new ListUsersQuery(1, 10, null));
        await user.Should().ThrowAsync<ForbiddenException>();

        _app.Users.SimulateConcurrentWrite(UserId.From(registered.Id), u => u.GrantRole(Role.Admin, TestUsers.Epoch));
        (await Send(new ListUsersQuery(1, 10, null))).TotalCount.Should().Be(1, "the stored role counts, on the very next request");
    }

    [Fact]
    public async Task A_refresh_through_the_pipeline_rotates_and_a_reuse_is_refused()
    {
        await Send(new RegisterUserCommand("Alice", "alice@example.com", Password));
        var login = (await Send(new LoginCommand("alice@example.com", Password))).Tokens;

        var next = await Send(new RefreshCommand(login.RefreshToken));
        var reuse = () => Send(new RefreshCommand(login.RefreshToken));

        next.RefreshToken.Should().NotBe(login.RefreshToken);
        await reuse.Should().ThrowAsync<UnauthorizedException>();
    }

    private Func<Task<MediatR.Unit>> SignedInBefore(DateTimeOffset signedInAt)
    {
        _app.Caller.AuthTime = signedInAt;
        return () => Send(new DisableAccountCommand());
    }

    private void SignInAs(string userId)
    {
        _app.SignInAs(UserId.From(userId));
        _app.Caller.AuthTime = TestUsers.Epoch;
    }

    private Task<TResponse> Send<TResponse>(IRequest<TResponse> request) => _app.Send(request);

    private List<LogEntry> Logged<TRequest, TResponse>() => _app.Logged<TRequest, TResponse>();
}
