using CleanAuth.Application.Accounts.RegisterUser;
using CleanAuth.Application.Common.Behaviours;
using FluentValidation;
using ValidationException = CleanAuth.Application.Common.Exceptions.ValidationException;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    private static readonly RegisteredUser Registered = new("1", "Alice", "alice@example.com", DateTimeOffset.UnixEpoch);

    private int _nextCalls;

    [Fact]
    public async Task Reports_every_failing_field_at_once_with_camelCase_keys_and_does_not_call_next()
    {
        var behaviour = new ValidationBehaviour<RegisterUserCommand, RegisteredUser>([new RegisterUserCommandValidator()]);

        var act = () => behaviour.Handle(new RegisterUserCommand("", "not-an-email", "short"), default, Next);

        var refusal = (await act.Should().ThrowAsync<ValidationException>()).Which;
        refusal.Message.Should().Be("One or more validation errors occurred.", "what prints the exception says what it is; the fields are in Errors");
        var errors = refusal.Errors;
        errors.Keys.Should().BeEquivalentTo("name", "email", "password");
        errors["name"].Should().Equal("Name is required.");
        errors["email"].Should().Equal("Email is not a valid email address.");
        errors["password"].Should().Equal("Password must be at least 8 characters.");
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Runs_every_validator_of_the_request_and_merges_their_failures()
    {
        var extra = new InlineValidator<RegisterUserCommand>();
        extra.RuleFor(c => c.Email).Must(e => !e.EndsWith("@blocked.example", StringComparison.Ordinal)).WithMessage("Blocked domain.");
        extra.RuleFor(c => c.Name).Must(n => n != "root").WithMessage("Reserved name.");
        var behaviour = new ValidationBehaviour<RegisterUserCommand, RegisteredUser>([new RegisterUserCommandValidator(), extra]);

        var act = () => behaviour.Handle(new RegisterUserCommand("root", "a@blocked.example", "x"), default, Next);

        var errors = (await act.Should().ThrowAsync<ValidationException>()).Which.Errors;
        errors["email"].Should().Equal("Blocked domain.");
        errors["name"].Should().Equal("Reserved name.");
        errors["password"].Should().Equal("Password must be at least 8 characters.");
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_failure_of_the_request_as_a_whole_is_reported_under_an_empty_key()
    {
        var whole = new InlineValidator<RegisterUserCommand>();
        whole.RuleFor(c => c.Email).Custom((_, context) => context.AddFailure(new FluentValidation.Results.ValidationFailure("", "These fields do not go together.")));
        var behaviour = new ValidationBehaviour<RegisterUserCommand, RegisteredUser>([whole]);

        var act = () => behaviour.Handle(new RegisterUserCommand("Alice", "alice@example.com", "vivid tundra marble"), default, Next);

        var errors = (await act.Should().ThrowAsync<ValidationException>()).Which.Errors;
        errors.Keys.Should().Equal("");
        errors[""].Should().Equal("These fields do not go together.");
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Passes_a_valid_request_through_to_next_and_returns_its_response()
    {
        var behaviour = new ValidationBehaviour<RegisterUserCommand, RegisteredUser>([new RegisterUserCommandValidator()]);

        var response = await behaviour.Handle(new RegisterUserCommand("Alice", "alice@example.com", "vivid tundra marble"), default, Next);

        response.Should().BeSameAs(Registered);
        _nextCalls.Should().Be(1);
    }

    [Fact]
    public async Task A_request_without_validators_passes_through()
    {
        var behaviour = new ValidationBehaviour<RegisterUserCommand, RegisteredUser>([]);

        var response = await behaviour.Handle(new RegisterUserCommand("", "", ""), default, Next);

        response.Should().BeSameAs(Registered);
        _nextCalls.Should().Be(1);
    }

    private Task<RegisteredUser> Next()
    {
        _nextCalls++;
        return Task.FromResult(Registered);
    }
}
