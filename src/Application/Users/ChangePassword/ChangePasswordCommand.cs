using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.Users.ChangePassword;

/// <summary>Answers with a fresh token pair for the caller; every other session ends.</summary>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : IRequest<TokenPair>, IRequireUser, IHashesPassword
{
    public override string ToString() => nameof(ChangePasswordCommand);
}

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("CurrentPassword is required.")
            .MaximumLength(RuleExtensions.MaxPasswordLength).WithMessage($"CurrentPassword must be at most {RuleExtensions.MaxPasswordLength} characters.");
        RuleFor(c => c.NewPassword).NewPassword();
    }
}
