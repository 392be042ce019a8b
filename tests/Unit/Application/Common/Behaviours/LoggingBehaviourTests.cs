using System.Globalization;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.RegisterUser;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class LoggingBehaviourTests
{
    private const string Secret = "Tr0ub4dor&3-horse-SECRET";
    private const string UserId = "000000000000000000000abc";

    private readonly FakeTimeProvider _clock = new(TestUsers.Epoch);
    private readonly FakeCallerIdentity _caller = new() { UserId = UserId, SecurityStamp = "STAMP" };

    [Fact]
    public async Task Logs_the_request_name_user_outcome_and_elapsed_time_of_a_success()
    {
        var logger = new CapturingLogger<LoggingBehaviour<LoginCommand, TokenPair>>();
        var behaviour = new LoggingBehaviour<LoginCommand, TokenPair>(logger, _caller, _clock);
        var expected = new TokenPair("Bearer", "token", 900, "refresh", 60);

        var result = await behaviour.Handle(new LoginCommand("alice@example.com", Secret), default, () =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(42.5));
            return Task.FromResult(expected);
        });

        result.Should().BeSameAs(expected);
        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Debug, "the request's own log line says it succeeded (ADR 0037)");
        entry.EventId.Name.Should().Be("RequestSucceeded");
        entry["RequestName"].Should().Be(nameof(LoginCommand));
        entry["UserId"].Should().Be(UserId);
        entry["ElapsedMs"].Should().Be(42.5);
        entry.Message.Should().Be($"{nameof(LoginCommand)} by {UserId} succeeded in 42.5 ms");
    }

    [Fact]
    public async Task An_expected_rejection_is_logged_at_Information_with_its_outcome_and_rethrown()
    {
        var logger = new CapturingLogger<LoggingBehaviour<LoginCommand, TokenPair>>();
        var behaviour = new LoggingBehaviour<LoginCommand, TokenPair>(logger, FakeCallerIdentity.Anonymous(), _clock);
        var rejection = new UnauthorizedException("nope");

        var act = () => behaviour.Handle(new LoginCommand("alice@example.com", Secret), default, () =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(7));
            return Task.FromException<TokenPair>(rejection);
        });

        (await act.Should().ThrowAsync<UnauthorizedException>()).Which.Should().BeSameAs(rejection);
        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Information);
        entry.EventId.Name.Should().Be("RequestRejected");
        entry["RequestName"].Should().Be(nameof(LoginCommand));
        entry["UserId"].Should().BeNull();
        entry["Outcome"].Should().Be(nameof(UnauthorizedException));
        entry["ElapsedMs"].Should().Be(7.0);
        entry.Exception.Should().BeNull("a rejection is an answer, not a fault: no stack trace");
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Every_kind_of_rejection_is_logged_at_Information(Exception rejection)
    {
        var logger = new CapturingLogger<LoggingBehaviour<LoginCommand, TokenPair>>();
        var behaviour = new LoggingBehaviour<LoginCommand, TokenPair>(logger, _caller, _clock);

        var act = () => behaviour.Handle(new LoginCommand("a@example.com", Secret), default, () => Task.FromException<TokenPair>(rejection));

        await act.Should().ThrowAsync<Exception>();
        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Information);
        entry["Outcome"].Should().Be(rejection.GetType().Name);
    }

    public static TheoryData<Exception> Rejections() => new()
    {
        ValidationException.ForField("email", "bad"),
        new NotFoundException("x"),
        new ConflictException("x"),
        new UnauthorizedException("x"),
        new ForbiddenException("x"),
        new UnsupportedMediaException("x"),
        new ContentTooLargeException("x"),
    };

    [Fact]
    public async Task A_storage_outage_is_logged_at_Warning_so_it_shows_among_the_faults()
    {
        var logger = new CapturingLogger<LoggingBehaviour<LoginCommand, TokenPair>>();
        var behaviour = new LoggingBehaviour<LoginCommand, TokenPair>(logger, _caller, _clock);
        var outage = new StorageUnavailableException("x", new TimeoutException());

        var act = () => behaviour.Handle(new LoginCommand("a@example.com", Secret), default, () => Task.FromException<TokenPair>(outage));

        (await act.Should().ThrowAsync<StorageUnavailableException>()).Which.Should().BeSameAs(outage);
        logger.Entries.Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task An_unexpected_exception_is_logged_at_Warning_and_rethrown_unchanged()
    {
        var logger = new CapturingLogger<LoggingBehaviour<RegisterUserCommand, RegisteredUser>>();
        var behaviour = new LoggingBehaviour<RegisterUserCommand, RegisteredUser>(logger, _caller, _clock);
        var fault = new InvalidOperationException("boom");

        var act = () => behaviour.Handle(new RegisterUserCommand("Alice", "alice@example.com", Secret), default, () =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(3));
            throw fault;
        });

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(fault);
        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.EventId.Name.Should().Be("RequestFaulted");
        entry["RequestName"].Should().Be(nameof(RegisterUserCommand));
        entry["UserId"].Should().Be(UserId);
        entry["ElapsedMs"].Should().Be(3.0);
    }

    [Fact]
    public async Task Reports_the_use_case_and_how_it_ended_for_the_request_log_line()
    {
        var outcomes = new RecordedOutcomes();
        var behaviour = new LoggingBehaviour<LoginCommand, TokenPair>(
            new CapturingLogger<LoggingBehaviour<LoginCommand, TokenPair>>(), _caller, _clock, outcomes);
        var command = new LoginCommand("alice@example.com", Secret);

        await behaviour.Handle(command, default, () => Task.FromResult(new TokenPair("Bearer", "t", 1, "refresh", 60)));
        var rejected = () => behaviour.Handle(command, default, () => Task.FromException<TokenPair>(new NotFoundException("x")));
        await rejected.Should().ThrowAsync<NotFoundException>();
        var faulted = () => behaviour.Handle(command, default, () => Task.FromException<TokenPair>(new InvalidOperationException("x")));
        await faulted.Should().ThrowAsync<InvalidOperationException>();

        outcomes.Should().Equal(
            (nameof(LoginCommand), "Succeeded"),
            (nameof(LoginCommand), nameof(NotFoundException)),
            (nameof(LoginCommand), "Faulted"));
    }

    private sealed class RecordedOutcomes : List<(string UseCase, string Outcome)>, IUseCaseOutcome
    {
        public void Record(string useCase, string outcome) => Add((useCase, outcome));
    }

    [Fact]
    public async Task The_password_of_a_LoginCommand_never_reaches_the_log()
    {
        var logger = new CapturingLogger<LoggingBehaviour<LoginCommand, TokenPair>>();
        var behaviour = new LoggingBehaviour<LoginCommand, TokenPair>(logger, _caller, _clock);
        var command = new LoginCommand("alice@example.com", Secret);

        await behaviour.Handle(command, default, () => Task.FromResult(new TokenPair("Bearer", "t", 1, "refresh", 60)));
        var rejected = () => behaviour.Handle(command, default, () => Task.FromException<TokenPair>(new UnauthorizedException("x")));
        await rejected.Should().ThrowAsync<UnauthorizedException>();
        var faulted = () => behaviour.Handle(command, default, () => Task.FromException<TokenPair>(new InvalidOperationException("x")));
        await faulted.Should().ThrowAsync<InvalidOperationException>();

        logger.Entries.Should().HaveCount(3);
        AssertNoSecret(logger.Entries, logger.Scopes);
    }

    [Fact]
    public async Task The_password_of_a_RegisterUserCommand_never_reaches_the_log()
    {
        var logger = new CapturingLogger<LoggingBehaviour<RegisterUserCommand, RegisteredUser>>();
        var behaviour = new LoggingBehaviour<RegisterUserCommand, RegisteredUser>(logger, _caller, _clock);
        var command = new RegisterUserCommand("Alice", "alice@example.com", Secret);

        await behaviour.Handle(command, default, () => Task.FromResult(new RegisteredUser("1", "Alice", "alice@example.com", TestUsers.Epoch)));
        var rejected = () => behaviour.Handle(command, default, () => Task.FromException<RegisteredUser>(new ConflictException("x")));
        await rejected.Should().ThrowAsync<ConflictException>();

        logger.Entries.Should().HaveCount(2);
        AssertNoSecret(logger.Entries, logger.Scopes);
    }

    [Fact]
    public void Printing_a_command_does_not_reveal_its_password()
    {
        new LoginCommand("alice@example.com", Secret).ToString().Should().NotContain(Secret).And.Contain("alice@example.com");
        new RegisterUserCommand("Alice", "alice@example.com", Secret).ToString().Should().NotContain(Secret);
    }

    private static void AssertNoSecret(IEnumerable<LogEntry> entries, IEnumerable<object> scopes)
    {
        foreach (var entry in entries)
        {
            entry.Message.Should().NotContain(Secret);
            foreach (var (key, value) in entry.State)
            {
                (value is LoginCommand or RegisterUserCommand).Should().BeFalse("the request object itself must not be logged ({0})", key);
                Convert.ToString(value, CultureInfo.InvariantCulture).Should().NotContain(Secret, "state value {0} must not carry the password", key);
            }
        }

        scopes.Select(s => s.ToString()).Should().NotContain(s => s != null && s.Contains(Secret, StringComparison.Ordinal));
    }
}
