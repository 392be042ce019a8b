using CleanAuth.Application.Common.Models;

namespace CleanAuth.WebApi.Contracts;

/// <summary>One page of a list: the shape every paged route answers with.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    public static PageResponse<T> From<TItem>(PagedList<TItem> page, Func<TItem, T> map) =>
        new([.. page.Items.Select(map)], page.Page, page.PageSize, page.TotalCount);
}
