using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Options;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.Logging;
using CleanAuth.WebApi.OpenApi;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.Section);
        services.AddValidatedOptions<ConsoleLogFormat>(configuration, ConsoleLogFormat.Section);

        // Graceful shutdown: on SIGTERM Kestrel stops accepting connections and lets in-flight requests finish for this long.
        services.AddOptions<HostOptions>().Configure<IOptions<ApiOptions>>((host, options) => host.ShutdownTimeout = options.Value.ShutdownTimeout);

        services.AddHttpContextAccessor();
        services.AddScoped<ICallerIdentity, HttpCallerIdentity>();
        services.AddScoped<IClientContext, HttpClientContext>();
        services.AddSingleton<IUseCaseOutcome, HttpUseCaseOutcome>();
        services.AddCleanAuthRateLimits(configuration);
        services.AddValidatedOptions<BootstrapOptions>(configuration, BootstrapOptions.Section);
        services.AddHostedService<AdminBootstrapService>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemShape.Apply);
        services.AddSingleton<AcceptedContentTypes>();
        services.AddRequestHeadLimits();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // Binding failures (malformed JSON, a wrong type, a wrong content type) throw, so they reach the
        // exception handler and get a ProblemDetails body instead of a bare status code.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // The body limit is the platform's: Kestrel's for every request, and an endpoint's [RequestSizeLimit] (the
        // uploads'), which routing applies to the request's IHttpMaxRequestBodySizeFeature; a larger body is a 413 problem.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((options, api) =>
            options.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((options, api) =>
        {
            options.MultipartBodyLengthLimit = api.Value.MaxRequestBodyBytes;
            options.ValueLengthLimit = (int)Math.Min(api.Value.MaxRequestBodyBytes, int.MaxValue);
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only enabled by Api:TrustForwardedHeaders, for deployments where the load balancer is the only way in.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthorization();
        services.AddHealthChecks();

        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = SchemaIds.Of;
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<ResponseTransformer>();
            options.AddOperationTransformer<ExamplesTransformer>();
            options.AddSchemaTransformer<SchemaTransformer>();
        });
        return services;
    }
}
