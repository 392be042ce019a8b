using System.Text.Json.Nodes;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Probes for load balancers and orchestrators. Anonymous; the bodies name checks, never hosts or errors.</summary>
public sealed class Health : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();

        // Live: the process runs and answers. No dependency is checked, so a store outage never gets instances restarted.
        group.MapGet("/live", () => TypedResults.Ok(new HealthReportBody("Healthy", 0, [])))
            .WithName("Live")
            .WithExamples(response: () => new JsonObject { ["status"] = "Healthy", ["totalDurationMs"] = 0.0, ["checks"] = new JsonArray() })
            .WithSummary("The process is up.")
            .WithDescription("Checks no dependency, so a store outage never gets instances restarted.");

        // Ready: the store answers. 503 takes the instance out of the load balancer until it does.
        group.MapGet("/ready", async Task<Results<Ok<HealthReportBody>, JsonHttpResult<HealthReportBody>>> (HealthCheckService health, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(check => check.Tags.Contains(CleanAuth.Infrastructure.DependencyInjection.ReadyTag), ct);
                var body = HealthReportBody.From(report);
                return report.Status == HealthStatus.Unhealthy
                    ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
                    : TypedResults.Ok(body);
            })
            .WithName("Ready")
            .WithExamples(
                response: () => new JsonObject
                {
                    ["status"] = "Healthy",
                    ["totalDurationMs"] = 1.93,
                    ["checks"] = new JsonArray(new JsonObject { ["name"] = "mongodb", ["status"] = "Healthy", ["durationMs"] = 1.71, ["description"] = "MongoDB answered a ping." }),
                },
                otherResponses: new Dictionary<string, Func<JsonNode>>
                {
                    ["503"] = () => new JsonObject
                    {
                        ["status"] = "Unhealthy",
                        ["totalDurationMs"] = 5003.4,
                        ["checks"] = new JsonArray(new JsonObject { ["name"] = "mongodb", ["status"] = "Unhealthy", ["durationMs"] = 5003.1, ["description"] = "MongoDB cannot be reached." }),
                    },
                })
            .WithSummary("The store is reachable: the instance can serve requests.")
            .WithDescription("503 takes the instance out of the load balancer until the store answers again.")
            .Produces<HealthReportBody>(StatusCodes.Status503ServiceUnavailable);
    }
}
