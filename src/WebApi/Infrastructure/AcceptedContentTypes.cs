using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The content types each mapped route accepts, found by method and path: for the 415 that routing answers before any
/// endpoint of ours runs (its rejection endpoint carries none of the route's metadata). Built once, at the first 415.
/// </summary>
public sealed class AcceptedContentTypes(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<Route>> _routes = new(() =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .Select(e => new Route(
                e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods,
                new TemplateMatcher(new RouteTemplate(e.RoutePattern), []),
                e.Metadata.GetMetadata<IAcceptsMetadata>()!.ContentTypes)),
    ]);

    public IReadOnlyList<string>? For(HttpRequest request) =>
        _routes.Value.FirstOrDefault(r => r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) && r.Matcher.TryMatch(request.Path, []))?.ContentTypes;

    private sealed record Route(IReadOnlyList<string> Methods, TemplateMatcher Matcher, IReadOnlyList<string> ContentTypes);
}
