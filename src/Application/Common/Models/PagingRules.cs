using FluentValidation;

namespace CleanAuth.Application.Common.Models;

/// <summary>
/// The one wording of the paging rules, for every paged route: the same rule reads the same, naming the query
/// parameters as a client sends them (<c>page</c>, <c>pageSize</c>).
/// </summary>
public static class PagingRules
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>A page number past which no list here reaches; it keeps the skip count far from any overflow.</summary>
    public const int MaxPage = 1_000_000;

    public static readonly string PageMessage = $"page must be between 1 and {MaxPage}.";
    public static readonly string PageSizeMessage = $"pageSize must be between 1 and {MaxPageSize}.";

    public static IRuleBuilderOptions<T, int?> PageNumber<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, MaxPage).WithMessage(PageMessage);

    public static IRuleBuilderOptions<T, int?> PageSize<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, MaxPageSize).WithMessage(PageSizeMessage);
}
