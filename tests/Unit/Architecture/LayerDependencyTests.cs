using System.Reflection;
using CleanAuth.Domain.Users;
using NetArchTest.Rules;

namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>The dependency rule: arrows point inwards only (WebApi → Application ← Infrastructure; Application → Domain).</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(User).Assembly;
    private static readonly Assembly Application = typeof(CleanAuth.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CleanAuth.Infrastructure.DependencyInjection).Assembly;

    [Fact]
    public void Domain_depends_on_no_other_layer_and_no_framework()
    {
        AssertNoDependency(Domain,
            "CleanAuth.Application", "CleanAuth.Infrastructure", "CleanAuth.WebApi",
            "MongoDB", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore", "Serilog", "MediatR", "FluentValidation", "OpenTelemetry");
    }

    [Fact]
    public void Application_depends_on_no_adapter_and_no_web_or_storage_framework()
    {
        AssertNoDependency(Application,
            "CleanAuth.Infrastructure", "CleanAuth.WebApi",
            "MongoDB", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore", "Serilog", "NetVips",
            "OpenTelemetry"); // spans through the BCL's ActivitySource; the SDK is the composition root's choice
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_WebApi()
    {
        AssertNoDependency(Infrastructure, "CleanAuth.WebApi");
    }

    [Fact]
    public void Layers_are_in_the_expected_assemblies_and_the_checker_sees_real_dependencies()
    {
        // Controls: if NetArchTest could not read the assemblies, the rules above would pass vacuously.
        Types.InAssembly(Domain).GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Application).That().HaveDependencyOn("MediatR").GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Application).That().HaveDependencyOn("CleanAuth.Domain").GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Infrastructure).That().HaveDependencyOn("Microsoft.Data.Sqlite").GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Infrastructure).That().HaveDependencyOn("CleanAuth.Application").GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Application).That().HaveDependencyOn("System.Diagnostics.ActivitySource").GetTypes().Should().NotBeEmpty();
    }

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        result.IsSuccessful.Should().BeTrue(
            "{0} must not depend on {1}, but these types do: {2}",
            assembly.GetName().Name,
            string.Join(", ", forbidden),
            string.Join(", ", result.FailingTypeNames ?? []));
    }
}
