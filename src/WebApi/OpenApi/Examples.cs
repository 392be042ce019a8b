using System.Globalization;
using System.Text.Json.Nodes;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// An endpoint's examples for the OpenAPI document, declared where the endpoint is mapped
/// (<see cref="ExampleExtensions.WithExamples"/>): its request body, its success body, and bodies for other
/// statuses that are not problems (a health check's 503).
/// </summary>
public sealed record OperationExamples(
    Func<JsonNode>? Request,
    Func<JsonNode>? Response,
    IReadOnlyDictionary<string, Func<JsonNode>>? OtherResponses);

public static class ExampleExtensions
{
    public static RouteHandlerBuilder WithExamples(
        this RouteHandlerBuilder builder,
        Func<JsonNode>? request = null,
        Func<JsonNode>? response = null,
        IReadOnlyDictionary<string, Func<JsonNode>>? otherResponses = null) =>
        builder.WithMetadata(new OperationExamples(request, response, otherResponses));
}

/// <summary>
/// Puts each endpoint's <see cref="OperationExamples"/> on its operation, and a problem body on every
/// <c>application/problem+json</c> response, whatever the endpoint.
/// </summary>
public sealed class ExamplesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationExamples>().LastOrDefault();
        if (examples?.Request is { } request && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = request();
            }
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            foreach (var (contentType, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (contentType == "application/problem+json")
                {
                    media.Example = Problem(int.Parse(status, CultureInfo.InvariantCulture));
                }
                else if (status.StartsWith('2') && examples?.Response is { } success)
                {
                    media.Example = success();
                }
                else if (examples?.OtherResponses?.GetValueOrDefault(status) is { } other)
                {
                    media.Example = other();
                }
            }
        }

        return Task.CompletedTask;
    }

    private static JsonObject Problem(int status)
    {
        var problem = new JsonObject
        {
            ["type"] = ProblemShape.Type(status),
            ["title"] = status == 400 ? ProblemShape.ValidationTitle : ProblemShape.Title(status),
            ["status"] = status,
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        if (status == 400)
        {
            problem["errors"] = new JsonObject { ["email"] = new JsonArray("Email is not a valid email address.") };
        }

        return problem;
    }
}
