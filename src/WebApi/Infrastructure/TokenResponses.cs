namespace CleanAuth.WebApi.Infrastructure;

public static class TokenResponses
{
    /// <summary>
    /// RFC 6749 §5.1: a response that carries tokens is never stored, by the browser or anything between
    /// (<c>Cache-Control: no-store</c>, and <c>Pragma: no-cache</c> for HTTP/1.0 caches).
    /// </summary>
    public static RouteHandlerBuilder IssuesTokens(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        return await next(context);
    });
}
