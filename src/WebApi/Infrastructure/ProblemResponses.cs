namespace CleanAuth.WebApi.Infrastructure;

/// <summary>The ProblemDetails answers that whole families of routes can give, declared for the OpenAPI document.</summary>
public static class ProblemResponses
{
    /// <summary>Every route that touches the store: 503 (with Retry-After) while it is unreachable, 500 for a fault.</summary>
    public static TBuilder ProducesStoreProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    /// <summary>Every route with a body: 400 (invalid fields or unreadable body), 413 (too large), 415 (wrong content type).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
