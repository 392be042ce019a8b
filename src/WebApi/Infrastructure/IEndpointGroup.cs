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
}
