using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Kestrel refuses an over-long request line (414), header block or too many header fields (431) itself, with an
/// empty body, before any application code runs. So Kestrel's own limits are set to twice these, and this middleware
/// refuses at these with the usual problem body. Past Kestrel's doubled limits its empty answer remains (ADR 0027).
/// </summary>
public static class RequestHeadLimits
{
    /// <summary>Kestrel's default request-line limit.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Kestrel's default limit on all headers together.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's default limit on header fields (each line counts, repeated names too).</summary>
    public const int MaxHeaderCount = 100;

    public static IServiceCollection AddRequestHeadLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestLineSize = 2 * MaxTargetBytes;
            options.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
            options.Limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
        });

    public static IApplicationBuilder UseRequestHeadLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (Math.Max(target.Length, request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0) > MaxTargetBytes)
        {
            throw new BadHttpRequestException("Request target too long.", StatusCodes.Status414UriTooLong);
        }

        var headerBytes = 0L;
        var headerCount = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length;
            headerCount += Math.Max(1, values.Count); // a repeated name is one entry with a value per line
            for (var i = 0; i < values.Count; i++) // indexed: StringValues through LINQ boxes an enumerator per header
            {
                headerBytes += (values[i]?.Length ?? 0) + 4;
            }
        }

        if (headerBytes > MaxHeaderBytes || headerCount > MaxHeaderCount)
        {
            throw new BadHttpRequestException("Request headers too large.", StatusCodes.Status431RequestHeaderFieldsTooLarge);
        }

        return next(context);
    });
}
