using System.Text.Json.Serialization.Metadata;
using CleanAuth.Application.Accounts.ListUsers;
using CleanAuth.Application.Common.Models;
using Microsoft.AspNetCore.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Schema names are part of the contract: generated clients name their classes after them. The one page type,
/// <see cref="PagedList{T}"/>, keeps the names its two predecessors had (<c>PagedResponseOfBookResponse</c>,
/// <c>UserListPage</c>), so no client changes (ADR 0034).
/// </summary>
public static class SchemaIds
{
    public static string? Of(JsonTypeInfo type) =>
        type.Type.IsGenericType && type.Type.GetGenericTypeDefinition() == typeof(PagedList<>)
            ? PageOf(type.Type.GetGenericArguments()[0])
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    private static string PageOf(Type item) => item == typeof(UserSummary) ? "UserListPage" : "PagedResponseOf" + item.Name;
}
