using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>The collaborators the account-security handlers share, wired over fakes and one fake clock.</summary>
public sealed class AccountFakes
{
    public AccountFakes()
    {
        Events = new SecurityEvents(Log, Client, AddressTagger);
        RefreshTokens = new RefreshTokens(Store, Tokens, Ids, Client, Options.Create(RefreshOptions), Clock);
        Attempts = new SignInAttempts(Users, Options.Create(Lockout), Events, Clock);
        Emails = new AccountEmails(Options.Create(Links));
        Codes = new AccountCodes(CodeStore, Outbox, Emails, Options.Create(Accounts), Clock);
        SecondFactor = new SecondFactor(TwoFactors, Authenticator, Protector, Clock);
        PreRegistration = new PreRegistration(TwoFactors, Passkeys, Events);
        Activity = new AccountActivity(ActivityLog, Client, Caller, Ids, Options.Create(Accounts), Clock);
    }

    public InMemoryActivityLog ActivityLog { get; } = new();

    public FakeCallerIdentity Caller { get; } = new();

    public AccountActivity Activity { get; }

    public PreRegistration PreRegistration { get; }

    public InMemoryTwoFactorStore TwoFactors { get; } = new();

    public InMemoryPasskeyStore Passkeys { get; } = new();

    public OtpNetAuthenticator Authenticator { get; } = new(Options.Create(new TwoFactorOptions()));

    public AesGcmSecretProtector Protector { get; } = new([.. Enumerable.Range(0, AesGcmSecretProtector.KeyBytes).Select(i => (byte)i)], []);

    public SecondFactor SecondFactor { get; }

    public InMemoryUserRepository Users { get; } = new();

    public InMemoryRefreshTokenStore Store { get; } = new();

    public FakePasswordHasher Hasher { get; } = new();

    public FakeTokenService Tokens { get; } = new();

    public SequentialIdGenerator Ids { get; } = new();

    public FakeTimeProvider Clock { get; } = new(TestUsers.Epoch);

    public FakeClientContext Client { get; } = new();

    public FakeAddressTagger AddressTagger { get; } = new();

    public CapturingLogger<SecurityEvents> Log { get; } = new();

    public RefreshTokenOptions RefreshOptions { get; } = new();

    public LockoutOptions Lockout { get; } = new();

    public SecurityEvents Events { get; }

    public InMemoryAccountCodeStore CodeStore { get; } = new();

    public InMemoryEmailOutbox Outbox { get; } = new();

    /// <summary>Mutable before a handler runs: the handlers read the options when they act.</summary>
    public AccountOptions Accounts { get; } = new();

    public EmailLinkOptions Links { get; } = new();

    public AccountEmails Emails { get; }

    public AccountCodes Codes { get; }

    public RefreshTokens RefreshTokens { get; }

    public SignInAttempts Attempts { get; }

    public FakeDeviceTokens Devices { get; } = new();

    /// <summary>The password (and second-factor) confirmation of signed-in changes, over these fakes.</summary>
    public CurrentPasswordCheck Passwords => new(Hasher, Attempts, TwoFactors, SecondFactor, Events);

    public IEnumerable<string> EventNames => Log.Entries.Select(e => e.EventId.Name!);

    /// <summary>The sign-in use case over these fakes; <paramref name="users"/> replaces the user fake where a test needs other reads.</summary>
    public LoginCommandHandler Login(IAuthMetrics? metrics = null, IUserRepository? users = null) => new(
        users ?? Users, Hasher, RefreshTokens, Attempts, Events, Activity, metrics ?? new FakeAuthMetrics(), Options.Create(Accounts), TwoFactors, SecondFactor, Devices);
}
