using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>
/// What keeps secrets out of the logs is that no event takes one (ADR 0050): no placeholder names a secret, and
/// none destructures an object (<c>{@Command}</c>), whose members nothing would mask.
/// </summary>
public sealed partial class LogMessageTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(CleanAuth.Application.DependencyInjection).Assembly,
        typeof(CleanAuth.Infrastructure.DependencyInjection).Assembly,
        typeof(CleanAuth.WebApi.Logging.ClefFormatter).Assembly,
    ];

    private static readonly string[] Messages = Assemblies
        .SelectMany(a => a.GetTypes())
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.Message)
        .OfType<string>()
        .ToArray();

    [Fact]
    public void There_are_log_messages_to_check() => Messages.Should().HaveCountGreaterThan(40);

    [Fact]
    public void No_log_message_destructures_an_object_or_names_a_secret()
    {
        var placeholders = Messages.SelectMany(m => Placeholder().Matches(m).Select(p => (Message: m, Name: p.Groups[1].Value))).ToArray();

        placeholders.Should().NotContain(p => p.Name.StartsWith('@'), "a destructured object's members would reach the log");
        placeholders.Should().NotContain(p => SecretName().IsMatch(p.Name), "no event takes a password, token, key, secret or code");
    }

    [GeneratedRegex(@"\{([^{}:,]+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex("password|passwd|secret|token|cookie|authorization|credential|stamp|key$|code$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
