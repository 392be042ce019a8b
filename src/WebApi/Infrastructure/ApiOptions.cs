using System.ComponentModel.DataAnnotations;

namespace CleanAuth.WebApi.Infrastructure;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body an endpoint accepts unless it declares its own limit.</summary>
    [Range(1024, 100L * 1024 * 1024, ErrorMessage = "Api:MaxRequestBodyBytes must be between 1024 and 104857600.")]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Serves the OpenAPI document and the interactive docs page.</summary>
    public bool EnableDocs { get; set; }

    /// <summary>
    /// How long a stopping instance keeps serving the requests already in flight (Kestrel stops accepting
    /// new ones at once). Keep it below the orchestrator's kill grace period (Docker's default is 10 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Api:ShutdownTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Takes the client address from <c>X-Forwarded-For</c> (and the scheme from <c>X-Forwarded-Proto</c>).
    /// Turn on only behind a load balancer that sets them and when the API cannot be reached around it.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }
}
