using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace CleanAuth.WebApi.Infrastructure;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body an endpoint accepts unless it declares its own limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Serves the OpenAPI document and the interactive docs page.</summary>
    public bool EnableDocs { get; set; }
}

public static class RequestBodyLimit
{
    /// <summary>
    /// Refuses a body over the endpoint's limit before anything reads it: at once from Content-Length,
    /// and through the server's body-size feature for a body sent without one.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long defaultLimit) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? defaultLimit;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    });
}
