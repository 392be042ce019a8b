using CleanAuth.Application;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Email;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>The application as <c>AddApplication()</c> wires it, every port replaced by a fake, one scope per request.</summary>
public sealed class FakeApplication : IDisposable
{
    private readonly ServiceProvider _provider;

    public FakeApplication()
    {
        var services = new ServiceCollection().AddApplication(new ConfigurationBuilder().Build());
        services.AddSingleton<IUserRepository>(Users);
        services.AddSingleton<IPasswordHasher>(Hasher);
        services.AddSingleton<ITokenService>(new FakeTokenService());
        services.AddSingleton<IAuthMetrics>(new FakeAuthMetrics());
        services.AddSingleton<IIdGenerator>(new SequentialIdGenerator());
        services.AddSingleton<ICallerIdentity>(Caller);
        services.AddSingleton<IRefreshTokenStore>(Tokens);
        services.AddSingleton<ICallerStore>(new InMemoryCallerStore(Users, Tokens, TwoFactors));
        services.AddSingleton<IAccountCodeStore>(Codes);
        services.AddSingleton<IEmailOutbox>(Outbox);
        services.AddSingleton<IAccountErasure>(new InMemoryAccountErasure(Users, Books, Covers, Authors, Tokens, Codes, TwoFactors, Outbox, Activity));
        services.AddSingleton<ILibraryCsv>(new CleanAuth.Infrastructure.Library.SepLibraryCsv());
        services.AddSingleton<IClientContext>(new FakeClientContext());
        services.AddSingleton<IAddressTagger>(new FakeAddressTagger());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(typeof(ILogger<>), typeof(CapturingLogger<>));
        services.AddSingleton<IBookRepository>(Books);
        services.AddSingleton<IAuthorRepository>(Authors);
        services.AddSingleton<ICoverStore>(Covers);
        services.AddSingleton<IImageService>(new FakeImageService());
        services.AddSingleton(new CleanAuth.Application.Books.Common.CoverLimits());
        services.AddSingleton<ITwoFactorStore>(TwoFactors);
        services.AddSingleton<IPasskeyStore>(new InMemoryPasskeyStore());
        services.AddSingleton<IPasskeyCeremonies>(new InMemoryPasskeyCeremonies());
        services.AddSingleton(NSubstitute.Substitute.For<IWebAuthn>());
        services.AddSingleton<IActivityLog>(Activity);
        services.AddSingleton<IAuthenticator>(new AccountFakes().Authenticator);
        services.AddSingleton<ISecretProtector>(new AccountFakes().Protector);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public InMemoryUserRepository Users { get; } = new();

    public FakePasswordHasher Hasher { get; } = new();

    public FakeCallerIdentity Caller { get; } = FakeCallerIdentity.Anonymous();

    public InMemoryRefreshTokenStore Tokens { get; } = new();

    public InMemoryAccountCodeStore Codes { get; } = new();

    public InMemoryEmailOutbox Outbox { get; } = new();

    public InMemoryTwoFactorStore TwoFactors { get; } = new();

    public InMemoryBookRepository Books { get; } = new();

    public InMemoryAuthorRepository Authors { get; } = new();

    public InMemoryCoverStore Covers { get; } = new();

    public InMemoryActivityLog Activity { get; } = new();

    public FakeTimeProvider Clock { get; } = new(TestUsers.Epoch);

    public IServiceProvider Services => _provider;

    public void Dispose() => _provider.Dispose();

    /// <summary>Makes the caller the stored user <paramref name="userId"/>, signed in now.</summary>
    public void SignInAs(UserId userId)
    {
        Caller.UserId = userId.Value;
        Caller.SecurityStamp = Users.Stored(userId)!.SecurityStamp;
        Caller.AuthTime = Clock.GetUtcNow();
    }

    // One scope per request, as the web host makes one per HTTP request.
    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request)
    {
        using var scope = _provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public List<LogEntry> SecurityEvents => ((CapturingLogger<CleanAuth.Application.Common.Logging.SecurityEvents>)_provider.GetRequiredService<ILogger<CleanAuth.Application.Common.Logging.SecurityEvents>>()).Entries;

    public List<LogEntry> Logged<TRequest, TResponse>() =>
        ((CapturingLogger<LoggingBehaviour<TRequest, TResponse>>)_provider.GetRequiredService<ILogger<LoggingBehaviour<TRequest, TResponse>>>()).Entries;
}
