using System.ComponentModel.DataAnnotations;
using Serilog.Formatting;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// <c>Logs:Format</c>: <c>Text</c>, lines for a person (the default in Development), or <c>Json</c>, CLEF for
/// machines (the default everywhere else). It chooses the formatter of the first <c>Serilog:WriteTo</c> sink, the
/// console, so the rest of the <c>Serilog</c> section keeps its standard syntax (ADR 0048).
/// </summary>
public sealed class ConsoleLogFormat
{
    public const string Section = "Logs";

    /// <summary>The console sink of appsettings.json, inside its Async wrapper.</summary>
    private const string ConsoleFormatterKey = "Serilog:WriteTo:0:Args:configure:0:Args:formatter";

    [RegularExpression("^(Json|Text)$", ErrorMessage = "Logs:Format must be Json or Text.")]
    public string? Format { get; set; }

    /// <summary>Whether the console gets <see cref="TextFormatter"/> lines rather than CLEF.</summary>
    public static bool IsText(IConfiguration configuration, bool development) =>
        configuration[$"{Section}:{nameof(Format)}"] is { } format ? format == "Text" : development;

    /// <summary>The formatter for a line written before the host exists (a refused start).</summary>
    public static ITextFormatter Formatter(IConfiguration configuration, bool development) =>
        IsText(configuration, development) ? new TextFormatter() : new ClefFormatter();

    /// <summary>The configuration Serilog reads: <paramref name="configuration"/>, with the console's formatter chosen.</summary>
    public static IConfiguration ForSerilog(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!IsText(configuration, environment.IsDevelopment()))
        {
            return configuration;
        }

        var text = typeof(TextFormatter);
        return new ConfigurationBuilder()
            .AddConfiguration(configuration, shouldDisposeConfiguration: false)
            .AddInMemoryCollection([new(ConsoleFormatterKey, $"{text.FullName}, {text.Assembly.GetName().Name}")])
            .Build();
    }
}
