namespace CleanAuth.WebApi.Infrastructure;

/// <summary>One resource's routes. Every implementation in this assembly is mapped at start-up.</summary>
public interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}

public static class EndpointGroupExtensions
{
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        var groups = typeof(IEndpointGroup).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.IsAssignableTo(typeof(IEndpointGroup)));
        foreach (var group in groups)
        {
            ((IEndpointGroup)Activator.CreateInstance(group)!).Map(app);
        }

        return app;
    }

    /// <summary>
    /// A group of routes for signed-in callers, under <paramref name="tag"/> in the OpenAPI document: 401 without a valid
    /// access token, and the store's problems.
    /// </summary>
    public static RouteGroupBuilder MapSignedInGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).WithTags(tag).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesStoreProblems();
}
