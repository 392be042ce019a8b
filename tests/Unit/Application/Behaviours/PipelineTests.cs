using CleanAuth.Application;
using CleanAuth.Application.Auth.Login;
using CleanAuth.Application.Auth.RegisterUser;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Users.Common;
using CleanAuth.Application.Users.DisableAccount;
using CleanAuth.Application.Users.GetCurrentUser;
using CleanAuth.Application.Users.UpdateProfile;
using CleanAuth.Tests.Unit.Fakes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Behaviours;

/// <summary>The whole pipeline as <c>AddApplication()</c> wires it, with the ports replaced by fakes.</summary>
public sealed class PipelineTests : IDisposable
{
    private const string Password = "vivid tundra marble quokka";

    private readonly InMemoryUserRepository _users = new();
    private readonly FakePasswordHasher _hasher = new();
    private readonly FakeCallerIdentity _caller = FakeCallerIdentity.Anonymous();
    private readonly ServiceProvider _provider;

    public PipelineTests()
    {
        var services = new ServiceCollection().AddApplication();
        services.AddSingleton<IUserRepository>(_users);
        services.AddSingleton<IPasswordHasher>(_hasher);
        services.AddSingleton<ITokenService>(new FakeTokenService());
        services.AddSingleton<IAuthMetrics>(new FakeAuthMetrics());
        services.AddSingleton<IIdGenerator>(new SequentialIdGenerator());
        services.AddSingleton<ICallerIdentity>(_caller);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestUsers.Epoch));
        services.AddSingleton(typeof(ILogger<>), typeof(CapturingLogger<>));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task Register_login_and_read_the_profile_through_the_pipeline()
    {
        var registered = await Send(new RegisterUserCommand(" Alice ", "alice@example.com", Password));
        var login = await Send(new LoginCommand("alice@example.com", Password));
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
        _hasher.HashCalls.Should().BeEmpty();
        _users.Count.Should().Be(0);
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
        _users.FindByIdCalls.Should().Be(0);
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

    private void SignInAs(string userId)
    {
        _caller.UserId = userId;
        _caller.SecurityStamp = _users.Stored(userId)!.SecurityStamp;
    }

    // One scope per request, as the web host makes one per HTTP request.
    private async Task<TResponse> Send<TResponse>(IRequest<TResponse> request)
    {
        using var scope = _provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private List<LogEntry> Logged<TRequest, TResponse>() =>
        ((CapturingLogger<LoggingBehaviour<TRequest, TResponse>>)_provider.GetRequiredService<ILogger<LoggingBehaviour<TRequest, TResponse>>>()).Entries;
}
