using System.Text.Json;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Declares what the server really sends beyond bodies: the response headers (Location, ETag, Cache-Control,
/// Retry-After, WWW-Authenticate for a recent sign-in, the login's Device-Token), covers as binary streams, the book forms as multipart only, and camelCase query parameters.
/// </summary>
public sealed class ResponseTransformer : IOpenApiOperationTransformer
{
    /// <summary>The multipart fields the server requires, per operation (the others are optional).</summary>
    private static readonly Dictionary<string, string[]> RequiredFormFields = new(StringComparer.Ordinal)
    {
        ["AddBook"] = ["title", "category", "cover"],
        ["UpdateBook"] = [],
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        }

        if (RequiredFormFields.TryGetValue(operation.OperationId ?? "", out var required) && operation.RequestBody is OpenApiRequestBody body)
        {
            body.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["multipart/form-data"] = BookForm(required) };
        }
        else if (operation.OperationId == "ImportBooks" && operation.RequestBody is OpenApiRequestBody import)
        {
            import.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["multipart/form-data"] = ImportForm() };
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse declared)
            {
                continue;
            }

            switch (status)
            {
                case "201":
                    AddHeader(declared, "Location", "The new resource's path.");
                    break;
                case "401" when context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemResponses.RecentSignInRequired>().Any():
                    declared.Description = "No valid access token, or (type `urn:cleanauth:problem:recent-sign-in-required`) a sign-in older than Accounts:RecentSignIn: sign in again and repeat the call.";
                    AddHeader(declared, "WWW-Authenticate", "For a sign-in that is too old, RFC 9470's challenge: `Bearer error=\"insufficient_user_authentication\", max_age=<seconds>`.");
                    break;
                case "429" or "503":
                    AddHeader(declared, "Retry-After", "Seconds to wait before retrying.", JsonSchemaType.Integer);
                    break;
                case "200" when IsCover(declared):
                    // 304 is described here, not declared as a response: with a 3XX declared, generators (Kiota)
                    // stop returning the 200 body. Clients that send If-None-Match handle 304 themselves.
                    declared.Description = "The image bytes. With If-None-Match naming the current ETag the answer is instead 304 Not Modified, with no body and the same ETag and Cache-Control.";
                    AddHeader(declared, "ETag", "A strong entity tag of these bytes; send it back in If-None-Match.");
                    AddHeader(declared, "Cache-Control", "`private, max-age=3600`: browsers may keep it, shared caches may not.");
                    AddHeader(declared, "X-Content-Type-Options", "`nosniff`: the declared media type is the one to use.");
                    foreach (var media in (declared.Content ?? new Dictionary<string, OpenApiMediaType>()).Values)
                    {
                        media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                    }

                    break;
                case "200" when declared.Content?.ContainsKey("application/zip") == true:
                    declared.Description = "A zip archive, streamed as it is written (ADR 0055).";
                    AddHeader(declared, "Content-Disposition", "`attachment; filename=cleanauth-export.zip`.");
                    declared.Content["application/zip"].Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                    break;
            }
        }

        if (operation.OperationId == "Login")
        {
            DescribeDeviceToken(operation);
        }

        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse image && IsCover(image))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "The ETag of a copy the client already has: when it is current the answer is 304 Not Modified with no body.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    // ADR 0046: a header each way on the login, beside the unchanged JSON fields.
    private static void DescribeDeviceToken(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Device-Token",
            In = ParameterLocation.Header,
            Description = "The `Device-Token` of this client's last successful sign-in to the same address, if it has one. A valid one admits the sign-in to a lane of its own while anonymous attempts keep the password checks busy; any other value changes nothing.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64 },
        });
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse signedIn)
        {
            AddHeader(signedIn, "Device-Token", "A device token for this client and address, valid for Passwords:DeviceTokenLifetime (30 days by default); send it in the `Device-Token` header of later sign-ins. A new one comes with every successful sign-in.");
        }
    }

    private static bool IsCover(OpenApiResponse response) =>
        response.Content?.Keys.Any(k => k.StartsWith("image/", StringComparison.Ordinal)) ?? false;

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    // Described inline like the book forms, so clients generate a multipart body (not a model they cannot send).
    private static OpenApiMediaType ImportForm() => new()
    {
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(["file"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A Goodreads export or CleanAuth's own CSV, at most 5 MB and 10,000 rows." },
                ["defaultCategory"] = Text("The category of a row whose shelves name none."),
            },
        },
    };

    private static OpenApiMediaType BookForm(string[] required) => new()
    {
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(required, StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["title"] = Text("1–200 characters; unique among the user's books in any case."),
                ["description"] = Text("At most 4,000 characters."),
                ["category"] = Text("One of GET /api/books/categories."),
                ["authorId"] = Text("The id of one of the user's authors; empty removes the author on update."),
                ["cover"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "binary",
                    Description = "A JPEG, PNG, WebP or GIF file of at most 10 MB and 40 megapixels.",
                },
            },
        },
        Encoding = new Dictionary<string, OpenApiEncoding>(StringComparer.Ordinal)
        {
            ["cover"] = new() { ContentType = "image/jpeg, image/png, image/webp, image/gif" },
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
