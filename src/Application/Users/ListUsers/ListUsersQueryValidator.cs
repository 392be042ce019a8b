using FluentValidation;

namespace CleanAuth.Application.Users.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000).WithMessage("Page must be between 1 and 1000000.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListUsersQuery.MaxPageSize).WithMessage($"PageSize must be between 1 and {ListUsersQuery.MaxPageSize}.");
        RuleFor(q => q.Email).MaximumLength(254).WithMessage("Email must be at most 254 characters.");
    }
}
