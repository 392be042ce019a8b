using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.Infrastructure.Security;
using CleanAuth.WebApi;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSerilog((services, logger) => logger
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

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSerilogRequestLogging(RequestLogging.Configure);
app.UseRouting();
app.UseRequestBodyLimit(api.MaxRequestBodyBytes);
app.UseAuthentication();
app.UseAuthorization();

app.MapEndpointGroups();
if (api.EnableDocs)
{
    app.MapOpenApi();
    app.MapScalarApiReference();
}

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
