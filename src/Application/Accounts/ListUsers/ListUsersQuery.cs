using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.ListUsers;

/// <summary>An administrator's paged list of users, optionally filtered by part of the email.</summary>
public sealed record ListUsersQuery(int? Page, int? PageSize, string? Email) : IRequest<PagedList<UserSummary>>, IRequireRole
{
    public const int DefaultPageSize = PagingRules.DefaultPageSize;
    public const int MaxPageSize = PagingRules.MaxPageSize;

    public string? RequiredRole => Role.Admin;
}

/// <summary>What an administrator sees of a user: never a hash, a stamp or a token.</summary>
public sealed record UserSummary(
    string Id, string Name, string Email, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt,
    bool EmailConfirmed, bool TwoFactorEnabled)
{
    public static UserSummary From(User user, bool twoFactorEnabled) =>
        new(user.Id.Value, user.Name, user.Email, [.. user.Roles], user.IsDisabled, user.CreatedAt, user.LastLoginAt, user.EmailConfirmed, twoFactorEnabled);
}

public sealed class ListUsersQueryHandler(IUserRepository users, ITwoFactorStore twoFactors) : IRequestHandler<ListUsersQuery, PagedList<UserSummary>>
{
    public async Task<PagedList<UserSummary>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var page = request.Page ?? 1;
        var pageSize = request.PageSize ?? ListUsersQuery.DefaultPageSize;
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var list = await users.ListAsync(page, pageSize, email, cancellationToken);
        // One lookup for the page: the second factor is kept apart from the user (ADR 0041).
        var enabled = await twoFactors.EnabledAmongAsync([.. list.Items.Select(u => u.Id)], cancellationToken);
        return list.Map(u => UserSummary.From(u, enabled.Contains(u.Id)));
    }
}
