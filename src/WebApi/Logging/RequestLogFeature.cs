namespace CleanAuth.WebApi.Logging;

/// <summary>
/// What the request log line needs and only the request's own code knows: the endpoint (recorded after
/// routing, before the exception handler can clear it) and the use case with its outcome (recorded by the
/// logging behaviour). A plain per-request object: nothing is pushed onto async-local state per request.
/// </summary>
public sealed class RequestLogFeature
{
    public string? EndpointName { get; set; }

    public string? Route { get; set; }

    public string? UseCase { get; set; }

    public string? Outcome { get; set; }

    public static RequestLogFeature Of(HttpContext context)
    {
        var feature = context.Features.Get<RequestLogFeature>();
        if (feature is null)
        {
            feature = new RequestLogFeature();
            context.Features.Set(feature);
        }

        return feature;
    }
}
