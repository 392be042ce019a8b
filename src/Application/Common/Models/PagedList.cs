namespace CleanAuth.Application.Common.Models;

/// <summary>One page of a list: the shape every paged route answers with.</summary>
// Also what a repository returns; Page counts from 1.
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    /// <summary>The same page with each item mapped, e.g. from an entity to what a client may see of it.</summary>
    public PagedList<TResult> Map<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], Page, PageSize, TotalCount);
}

public static class PagedList
{
    /// <summary>How many items come before page <paramref name="page"/> (from 1): the one paging formula every store uses; long, so no page number overflows it.</summary>
    public static long Skip(int page, int pageSize) => (long)(page - 1) * pageSize;
}
