namespace CleanAuth.WebApi.Infrastructure;

/// <summary>The ProblemDetails answers that whole families of routes can give, declared for the OpenAPI document.</summary>
public static class ProblemResponses
{
    /// <summary>Endpoint metadata: the route's use case needs a recent sign-in.</summary>
    public sealed class RecentSignInRequired
    {
        public static readonly RecentSignInRequired Instance = new();

        private RecentSignInRequired()
        {
        }
    }

    /// <summary>Every route that touches the store: 503 (with Retry-After) while it is unreachable, 500 for a fault.</summary>
    public static TBuilder ProducesStoreProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    /// <summary>
    /// A route whose use case needs a recent sign-in (<c>IRequireRecentSignIn</c>, ADR 0047): its 401 may be of type
    /// <c>urn:cleanauth:problem:recent-sign-in-required</c> with RFC 9470's challenge, which the OpenAPI document says.
    /// </summary>
    public static RouteHandlerBuilder ProducesRecentSignInProblem(this RouteHandlerBuilder builder) => builder
        .WithMetadata(RecentSignInRequired.Instance)
        .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Every route with a body: 400 (invalid fields or unreadable body), 413 (too large), 415 (wrong content type).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
