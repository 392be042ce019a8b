using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.WebApi.Contracts;

public sealed record HealthReportBody(string Status, double TotalDurationMs, IReadOnlyList<HealthCheckBody> Checks)
{
    public static HealthReportBody From(HealthReport report) => new(
        report.Status.ToString(),
        Math.Round(report.TotalDuration.TotalMilliseconds, 2),
        [.. report.Entries.Select(e => new HealthCheckBody(e.Key, e.Value.Status.ToString(), Math.Round(e.Value.Duration.TotalMilliseconds, 2), e.Value.Description))]);
}

public sealed record HealthCheckBody(string Name, string Status, double DurationMs, string? Description);
