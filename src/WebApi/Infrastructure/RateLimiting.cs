using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using CleanAuth.Application.Common.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Fixed-window limits (section <c>RateLimits</c>, windows aligned to the clock, see <see cref="AlignedWindowRateLimiter"/>); <see cref="Enabled"/> false turns every policy into "no limit".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RateLimits:Window must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per client IP and window.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Register must be between 1 and 1000000.")]
    public int Register { get; set; } = 5;

    /// <summary>Per client IP and window.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Login must be between 1 and 1000000.")]
    public int Login { get; set; } = 10;

    /// <summary>Per client IP and window.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Refresh must be between 1 and 1000000.")]
    public int Refresh { get; set; } = 30;

    /// <summary>Per signed-in user and window.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Uploads must be between 1 and 1000000.")]
    public int Uploads { get; set; } = 20;

    /// <summary>Per signed-in user and window: each is a guess at the current password (ADR 0031).</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:ChangePassword must be between 1 and 1000000.")]
    public int ChangePassword { get; set; } = 5;

    /// <summary>Per client IP and window, over the four account-code routes together (confirm, resend, forgot, reset).</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:AccountCodes must be between 1 and 1000000.")]
    public int AccountCodes { get; set; } = 10;

    /// <summary>
    /// Per email address and window, whoever asks and whether or not the address has an account, for the routes that
    /// send mail (resend, forgot): it bounds the mail one address can be sent. Redeeming a code (confirm, reset) is
    /// limited per client IP only (<see cref="AccountCodes"/>), so nobody's wrong guesses refuse the owner's code (ADR 0043).
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:AccountCodesPerAddress must be between 1 and 1000000.")]
    public int AccountCodesPerAddress { get; set; } = 5;

    /// <summary>Per signed-in user and window, over erasing one's account and an administrator's erasing of others (ADR 0055).</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Erase must be between 1 and 1000000.")]
    public int Erase { get; set; } = 5;

    /// <summary>Per signed-in user and window: each export reads the whole library.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Export must be between 1 and 1000000.")]
    public int Export { get; set; } = 2;

    /// <summary>Per signed-in user and window, over library import and export together (ADR 0057): each reads or writes a whole library.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Library must be between 1 and 1000000.")]
    public int Library { get; set; } = 5;
    /// <summary>
    /// Per client IP and window, over the two anonymous passkey routes together (options, finish: two a sign-in).
    /// Failed assertions never count toward the password lockout (ADR 0058), so this is what bounds them.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:PasskeySignIn must be between 1 and 1000000.")]
    public int PasskeySignIn { get; set; } = 20;
}

public static class RateLimiting
{
    public const string Register = "register";
    public const string Login = "login";
    public const string Refresh = "refresh";

    /// <summary>Per user; for the upload endpoints to attach with <c>RequireRateLimiting(RateLimiting.Uploads)</c>.</summary>
    public const string Uploads = "uploads";

    /// <summary>Per user (the token's <c>sub</c>), whatever address the guesses come from.</summary>
    public const string ChangePassword = "change-password";

    /// <summary>Per client IP, for the account-code routes; the per-address limit is <see cref="RequireAddressRateLimit"/>.</summary>
    public const string AccountCodes = "account-codes";

    /// <summary>Per user, for erasing accounts (ADR 0055).</summary>
    public const string Erase = "erase";

    /// <summary>Per user, for the export of one's data (ADR 0055).</summary>
    public const string Export = "export";

    /// <summary>Per user, over library import and export together.</summary>
    public const string Library = "library";
    /// <summary>Per client IP, for the anonymous passkey routes (ADR 0058).</summary>
    public const string PasskeySignIn = "passkey-sign-in";

    public static IServiceCollection AddCleanAuthRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Register, context => Partition(context, limits, "ip:" + ClientIp(context), limits.Register));
            options.AddPolicy(Login, context => Partition(context, limits, "ip:" + ClientIp(context), limits.Login));
            options.AddPolicy(Refresh, context => Partition(context, limits, "ip:" + ClientIp(context), limits.Refresh));
            options.AddPolicy(Uploads, context => Partition(context, limits, "user:" + (context.User.FindFirst("sub")?.Value ?? ClientIp(context)), limits.Uploads));
            options.AddPolicy(ChangePassword, context => Partition(context, limits, "user:" + (context.User.FindFirst("sub")?.Value ?? ClientIp(context)), limits.ChangePassword));
            options.AddPolicy(Library, context => Partition(context, limits, "user:" + (context.User.FindFirst("sub")?.Value ?? ClientIp(context)), limits.Library));
            options.AddPolicy(AccountCodes, context => Partition(context, limits, "ip:" + ClientIp(context), limits.AccountCodes));
            options.AddPolicy(Erase, context => Partition(context, limits, "user:" + (context.User.FindFirst("sub")?.Value ?? ClientIp(context)), limits.Erase));
            options.AddPolicy(Export, context => Partition(context, limits, "user:" + (context.User.FindFirst("sub")?.Value ?? ClientIp(context)), limits.Export));
            options.AddPolicy(PasskeySignIn, context => Partition(context, limits, "ip:" + ClientIp(context), limits.PasskeySignIn));
            options.OnRejected = (context, cancellationToken) => WriteProblemAsync(context.HttpContext, context.Lease);
        });
        services.AddSingleton<AddressRateLimiter>();
        return services;
    }

    /// <summary>
    /// Limits a route that sends mail per email address too. The address is in the body, which the rate-limiting
    /// middleware has not read, so this is an endpoint filter that runs once the body is bound: it takes a permit keyed
    /// by the normalized address (the same key whether or not an account has it) before the use case runs.
    /// </summary>
    public static RouteHandlerBuilder RequireAddressRateLimit<TRequest>(this RouteHandlerBuilder builder, Func<TRequest, string?> email) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.Arguments.OfType<TRequest>().FirstOrDefault() is { } request && email(request) is { } address)
            {
                using var lease = context.HttpContext.RequestServices.GetRequiredService<AddressRateLimiter>().Acquire(address);
                if (!lease.IsAcquired)
                {
                    context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await WriteProblemAsync(context.HttpContext, lease);
                    return Results.Empty;
                }
            }

            return await next(context);
        });

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits, string key, int permits) => limits.Enabled
        ? RateLimitPartition.Get(key, _ => new AlignedWindowRateLimiter(
            permits, limits.Window, WindowOffset(key, limits.Window), context.RequestServices.GetRequiredService<TimeProvider>()))
        : RateLimitPartition.GetNoLimiter(key);

    private static TimeSpan WindowOffset(string key, TimeSpan window) =>
        TimeSpan.FromTicks((long)((uint)StringComparer.Ordinal.GetHashCode(key) % (ulong)window.Ticks));

    private static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask WriteProblemAsync(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        // As the exception handler marks every other problem answer: a refusal is about this moment, never served from a cache.
        http.Response.Headers.CacheControl = "no-cache,no-store";
        http.Response.Headers.Pragma = "no-cache";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = "Too many requests of this kind; retry after the time in the Retry-After header.",
            },
        });
    }
}
