using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.ListActivity;

/// <summary>
/// A page of an account's activity, newest first (ADR 0054): the caller's own, or with <see cref="UserId"/> any
/// user's for an administrator (404 for an unknown id). Only that one account's entries are ever read.
/// </summary>
public sealed record ListActivityQuery(string? Cursor, int? PageSize, string? UserId = null) : IRequest<ActivityList>, IRequireRole
{
    public string? RequiredRole => UserId is null ? null : Role.Admin;
}

/// <summary>The entries of one page and the cursor of the next, null on the last page.</summary>
public sealed record ActivityList(IReadOnlyList<ActivityEntry> Items, string? Next);

public sealed class ListActivityQueryHandler(ICurrentUser currentUser, IUserRepository users, IActivityLog activity)
    : IRequestHandler<ListActivityQuery, ActivityList>
{
    public async Task<ActivityList> Handle(ListActivityQuery request, CancellationToken cancellationToken)
    {
        var user = request.UserId is null ? currentUser.User : await users.LoadAsync(request.UserId, cancellationToken);
        // The validator refused a cursor that does not decode.
        ActivityPosition? before = ActivityCursor.TryDecode(request.Cursor, out var position) ? position : null;
        var pageSize = request.PageSize ?? PagingRules.DefaultPageSize;

        // One more than the page: whether there is a next page is known without a count.
        var entries = await activity.ListAsync(user.Id, before, pageSize + 1, cancellationToken);
        var items = entries.Take(pageSize).ToList();
        return new ActivityList(items, entries.Count > pageSize ? ActivityCursor.Encode(items[^1].Position) : null);
    }
}
