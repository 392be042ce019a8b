using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.Infrastructure.Health;

/// <summary>Ready only when the native image library (libvips) is loaded: without it no cover can be accepted.</summary>
public sealed class ImageLibraryHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(NetVips.ModuleInitializer.VipsInitialized
            ? HealthCheckResult.Healthy("The image library is loaded.")
            : HealthCheckResult.Unhealthy("The image library (libvips) could not be loaded."));
}
