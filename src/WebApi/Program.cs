using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.Logging;
using CleanAuth.WebApi.Observability;
using CleanAuth.WebApi.OpenApi;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;

// A relative --contentRoot is taken from the working directory, as a shell user means it (ADR 0048).
if (!HostStart.TryOptions(args, out var hostOptions))
{
    return 1;
}

var builder = WebApplication.CreateBuilder(hostOptions);

// preserveStaticLogger: each host keeps its own logger instead of replacing the process-wide Log.Logger.
// Sinks and levels come from the "Serilog" section; the enrichers below give every event the documented
// shape (docs/logging.md). No secret is logged in the first place: no request, header or body is, and a record
// that carries one prints without it (ADR 0050).
builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) => logger
    .ReadFrom.Configuration(ConsoleLogFormat.ForSerilog(builder.Configuration, builder.Environment))
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .Enrich.With(new HttpRequestEnricher(services.GetRequiredService<IHttpContextAccessor>()))
    .Enrich.WithMachineName()
    .Enrich.WithProperty("Application", "CleanAuth")
    .Enrich.WithProperty("Environment", builder.Environment.EnvironmentName)
    .EnrichWithEventName());
CategoryLoggerCache.Register(builder.Services);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWebApi(builder.Configuration);
builder.AddTelemetry();

var app = builder.Build();

// A missing or weak signing key, or an invalid setting, stops the start with one Fatal log event naming it.
StartupCheck.EnsurePasses(app);

var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;

app.UsePrometheusPort();

if (api.TrustForwardedHeaders)
{
    app.UseForwardedHeaders();
}

// Outermost, so the request event records the status the client really got, after the exception handler.
// The host's own logger (not the process-wide static one, which preserveStaticLogger leaves silent).
app.UseSerilogRequestLogging(options => RequestLogging.Configure(options, app.Services.GetRequiredService<Serilog.ILogger>()));
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestHeadLimits();
app.UseRouting();
app.UseEndpointLogContext();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseBoundedMultipartForms();

app.MapEndpointGroups();
if (api.EnableDocs)
{
    app.MapOpenApi();
    app.MapScalarApiReference(DocsPage.Configure);
}

app.Run();

// 1 when a check stopped the instance after the start (the two-factor key on MongoDB, ADR 0048), else 0.
return Environment.ExitCode;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
