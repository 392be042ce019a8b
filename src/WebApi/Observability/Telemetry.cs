using CleanAuth.Application.Common.Tracing;
using CleanAuth.Infrastructure.Observability;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanAuth.WebApi.Observability;

/// <summary>
/// OpenTelemetry, configured by settings only (docs/monitoring.md): OTLP export of metrics and traces when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and a Prometheus scrape endpoint when
/// <c>Metrics:PrometheusPort</c> is. With neither, no SDK is registered and nothing is collected.
/// </summary>
public static class Telemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string PrometheusPortSetting = "Metrics:PrometheusPort";
    public const string ScrapePath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var prometheusPort = PrometheusPort(configuration);
        if (!otlp && prometheusPort is null)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "CleanAuth"))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's and Kestrel's meters come with the ASP.NET Core instrumentation.
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(AuthMetrics.MeterName);
                if (otlp)
                {
                    metrics.AddOtlpExporter(); // endpoint, protocol, headers and interval from the OTEL_* settings
                }

                if (prometheusPort is not null)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp)
        {
            // Prometheus has no traces; spans are exported only over OTLP.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation()
                .AddSource(UseCaseTracing.SourceName)
                .AddOtlpExporter());
        }

        if (prometheusPort is { } port)
        {
            builder.WebHost.UseUrls([.. ApiAddresses(configuration), $"http://*:{port}"]);
        }

        return builder;
    }

    /// <summary>
    /// On the metrics port, <c>/metrics</c> and nothing else; the API's own port never serves metrics, so a load
    /// balancer that forwards every path (deploy/nginx.conf) cannot publish them. Call it first: scrapes are
    /// neither logged nor rate-limited.
    /// </summary>
    public static IApplicationBuilder UsePrometheusPort(this WebApplication app)
    {
        if (PrometheusPort(app.Configuration) is not { } port)
        {
            return app;
        }

        return app.MapWhen(context => context.Connection.LocalPort == port, metricsPort =>
        {
            // Scrapes are not API traffic: keep them out of http.server.request.duration.
            metricsPort.Use((context, next) =>
            {
                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
                {
                    metrics.MetricsDisabled = true;
                }

                return next(context);
            });
            metricsPort.UseOpenTelemetryPrometheusScrapingEndpoint(ScrapePath);
            metricsPort.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    private static int? PrometheusPort(IConfiguration configuration) =>
        configuration.GetValue<int?>(PrometheusPortSetting) is { } port
            ? port is > 0 and <= 65535 ? port : throw new InvalidOperationException($"{PrometheusPortSetting} must be between 1 and 65535.")
            : null;

    /// <summary>
    /// The addresses Kestrel would use without the metrics port (adding one address replaces the defaults):
    /// <c>urls</c> (ASPNETCORE_URLS, --urls), else <c>http_ports</c> (ASPNETCORE_HTTP_PORTS, set to 8080 by the
    /// ASP.NET container images), else Kestrel's default.
    /// </summary>
    private static IEnumerable<string> ApiAddresses(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (configuration["http_ports"] is { Length: > 0 } ports)
        {
            return ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}");
        }

        return ["http://localhost:5000"];
    }

    private static bool IsProbe(HttpContext context) => context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
