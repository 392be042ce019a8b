using CleanAuth.Application.Common.Models;
using FluentValidation;

namespace CleanAuth.Application.Accounts.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).PageNumber();
        RuleFor(q => q.PageSize).PageSize();
        RuleFor(q => q.Email).MaximumLength(254).WithMessage("Email must be at most 254 characters.");
    }
}
