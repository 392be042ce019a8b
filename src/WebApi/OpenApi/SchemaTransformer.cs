using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Numbers are numbers: the web JSON options read "20" as 20, which the framework describes as
/// <c>["integer","string"]</c> with a pattern; clients should send and expect plain numbers, so the string form goes.
/// ProblemDetails declares the <c>traceId</c> every error carries and the members every error has.
/// </summary>
public sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    public static readonly string[] ProblemMembers = ["type", "title", "status", "traceId"];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        var clrType = context.JsonTypeInfo.Type;
        if (clrType == typeof(ProblemDetails) || clrType == typeof(HttpValidationProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The W3C trace id of the request; quote it when reporting a problem.",
            };
            schema.Required = new HashSet<string>(ProblemMembers, StringComparer.Ordinal);
            foreach (var member in ProblemMembers.Where(m => schema.Properties.ContainsKey(m)))
            {
                if (schema.Properties[member] is OpenApiSchema property && property.Type is { } memberType)
                {
                    property.Type = memberType & ~JsonSchemaType.Null;
                }
            }
        }

        return Task.CompletedTask;
    }
}
