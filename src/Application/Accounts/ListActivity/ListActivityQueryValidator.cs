using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Models;
using FluentValidation;

namespace CleanAuth.Application.Accounts.ListActivity;

public sealed class ListActivityQueryValidator : AbstractValidator<ListActivityQuery>
{
    public ListActivityQueryValidator()
    {
        RuleFor(q => q.PageSize).PageSize();
        RuleFor(q => q.Cursor).Must(c => ActivityCursor.TryDecode(c, out _)).WithMessage(ActivityCursor.Invalid).When(q => q.Cursor is not null);
    }
}
