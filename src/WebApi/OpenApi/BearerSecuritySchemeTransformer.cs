using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Declares the bearer scheme once and requires it on every operation whose endpoint requires authorization; and the
/// Basic scheme, offered (never required) on the operations marked <see cref="BasicCredentialsAccepted"/> (login).
/// </summary>
public sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;
    public const string BasicSchemeName = "Basic";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            In = ParameterLocation.Header,
            Description = "An access token (HS256 JWT, typ at+jwt) from POST /api/auth/login.",
        };
        document.Components.SecuritySchemes[BasicSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "The email and password as RFC 7617 Basic credentials (UTF-8), instead of a body; only POST /api/auth/login reads them, and no route challenges for them.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
            });
        }
        else if (metadata.OfType<BasicCredentialsAccepted>().Any())
        {
            // Either nothing (the credentials are in the body) or Basic credentials: `security: [{}, {Basic: []}]`.
            operation.Security = [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BasicSchemeName, context.Document)] = [],
            }];
        }
        else
        {
            operation.Security = []; // Anonymous, said explicitly: `security: []`.
        }

        return Task.CompletedTask;
    }
}

/// <summary>Marks an anonymous endpoint that also reads <c>Authorization: Basic</c> credentials (see BasicCredentials).</summary>
public sealed record BasicCredentialsAccepted;
