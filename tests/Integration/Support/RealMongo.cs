using Xunit.Abstractions;
using Xunit.Sdk;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>A real MongoDB named by CLEANAUTH_TEST_MONGODB, for what the Mongo-wire test server cannot do.</summary>
public static class RealMongo
{
    public const string Variable = "CLEANAUTH_TEST_MONGODB";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public const string SkipReason =
        "Needs a real MongoDB: set " + Variable + " to its connection string. The Mongo-wire test server " +
        "does not enforce unique indexes; the embedded store's run of the same case covers the guarantee in CI.";
}

/// <summary>Marks a test class that runs only against a real MongoDB.</summary>
public interface INeedsRealMongo;

/// <summary>A fact that is reported as skipped, with the reason, in a class that needs a real MongoDB when none is configured.</summary>
[XunitTestCaseDiscoverer("CleanAuth.Tests.Integration.Support.StoreFactDiscoverer", "CleanAuth.Tests.Integration")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(INeedsRealMongo).IsAssignableFrom(testClass) && RealMongo.ConnectionString is null)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, RealMongo.SkipReason)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
