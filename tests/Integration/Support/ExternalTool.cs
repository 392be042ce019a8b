using Xunit.Abstractions;
using Xunit.Sdk;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A program from the operating system (Debian's <c>prometheus</c>, <c>nginx</c>) that a test runs for real.
/// scripts/test.sh installs them as root (CI) and sets <see cref="RequireVariable"/>, so there a missing one fails
/// the test instead of skipping it.
/// </summary>
public static class ExternalTool
{
    public const string RequireVariable = "CLEANAUTH_REQUIRE_TOOLS";

    /// <summary>The program's full path from PATH (and the sbin folders, where Debian puts nginx), or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"])
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    public static string Require(string name) => Find(name) ?? throw new InvalidOperationException(
        $"{name} is not installed: install Debian's {name} (scripts/test.sh does when run as root).");

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";
}

/// <summary>A fact that needs the named programs: reported as skipped, with the reason, when one is missing (unless required).</summary>
[XunitTestCaseDiscoverer("CleanAuth.Tests.Integration.Support.ToolFactDiscoverer", "CleanAuth.Tests.Integration")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute(params string[] tools) : FactAttribute
{
    public IReadOnlyList<string> Tools { get; } = tools;
}

public sealed class ToolFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var tools = factAttribute.GetConstructorArguments().OfType<string[]>().SelectMany(t => t).ToList();
        var missing = tools.Where(tool => ExternalTool.Find(tool) is null).ToList();
        if (missing.Count > 0 && !ExternalTool.Required)
        {
            var reason = $"Needs Debian's {string.Join(" and ", missing)}, not installed here: `apt-get install {string.Join(' ', missing)}` " +
                "(scripts/test.sh installs it when run as root, as in CI).";
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
