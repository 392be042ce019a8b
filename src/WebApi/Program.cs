using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.Infrastructure.Security;
using CleanAuth.WebApi;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// preserveStaticLogger: each host keeps its own logger instead of replacing the process-wide Log.Logger.
builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .Enrich.WithMachineName()
    .Enrich.WithProperty("Application", "CleanAuth")
    .Enrich.WithProperty("Environment", builder.Environment.EnvironmentName));

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWebApi(builder.Configuration);

var app = builder.Build();

// Resolved now so that a missing or weak signing key stops the start with a clear message.
app.Services.GetRequiredService<JwtSigningKey>();
var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;

// Outermost, so the request event records the status the client really got, after the exception handler.
app.UseSerilogRequestLogging(RequestLogging.Configure);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseRequestBodyLimit(api.MaxRequestBodyBytes);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapEndpointGroups();
if (api.EnableDocs)
{
    app.MapOpenApi();
    app.MapScalarApiReference();
}

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
