using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Common.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>The collaborators the account-security handlers share, wired over fakes and one fake clock.</summary>
public sealed class AuthKit
{
    public AuthKit()
    {
        Events = new SecurityEvents(Log, Client);
        RefreshTokens = new RefreshTokens(Store, Tokens, Ids, Options.Create(RefreshOptions), Clock);
        Attempts = new SignInAttempts(Users, Options.Create(Lockout), Events, Clock);
    }

    public InMemoryUserRepository Users { get; } = new();

    public InMemoryRefreshTokenStore Store { get; } = new();

    public FakePasswordHasher Hasher { get; } = new();

    public FakeTokenService Tokens { get; } = new();

    public SequentialIdGenerator Ids { get; } = new();

    public FakeTimeProvider Clock { get; } = new(TestUsers.Epoch);

    public FakeClientContext Client { get; } = new();

    public CapturingLogger<SecurityEvents> Log { get; } = new();

    public RefreshTokenOptions RefreshOptions { get; } = new();

    public LockoutOptions Lockout { get; } = new();

    public SecurityEvents Events { get; }

    public RefreshTokens RefreshTokens { get; }

    public SignInAttempts Attempts { get; }

    public IEnumerable<string> EventNames => Log.Entries.Select(e => e.EventId.Name!);
}
