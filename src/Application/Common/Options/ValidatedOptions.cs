using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Options;

/// <summary>The one way a layer registers its settings (ADR 0034).</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to its configuration section and checks its data annotations when the host
    /// starts, so that every invalid setting is named together in the one start-up refusal (event 2002), not at
    /// first use. Messages name the setting, never its value.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
