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

public class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
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

/// <summary>Marks a test class whose store does not enforce unique indexes: the Mongo-wire test server.</summary>
public interface IStoreWithoutUniqueIndexes;

/// <summary>
/// A fact about a rule a unique index decides: reported as skipped, with the reason, on a store that has none (and,
/// like <see cref="StoreFactAttribute"/>, in a class that needs a real MongoDB when none is configured).
/// </summary>
[XunitTestCaseDiscoverer("CleanAuth.Tests.Integration.Support.UniqueIndexFactDiscoverer", "CleanAuth.Tests.Integration")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class UniqueIndexFactAttribute : FactAttribute;

public sealed class UniqueIndexFactDiscoverer(IMessageSink diagnosticMessageSink) : StoreFactDiscoverer(diagnosticMessageSink)
{
    public const string SkipReason =
        "The Mongo-wire test server does not enforce unique indexes (tools/mongo-wire/README.md). This case runs on the " +
        "embedded store; on MongoDB the unique index decides, proven by the real-MongoDB contract run.";

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        typeof(IStoreWithoutUniqueIndexes).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType())
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, SkipReason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}
