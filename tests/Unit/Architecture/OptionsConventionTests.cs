using System.Reflection;
using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>
/// One options pattern (ADR 0034): every settings class (a class with a <c>Section</c> constant) is bound to its
/// section, validated, and checked when the host starts, by the three layers' <c>Add…</c> methods.
/// </summary>
public sealed class OptionsConventionTests
{
    private static readonly Assembly[] Layers =
    [
        typeof(CleanAuth.Application.DependencyInjection).Assembly,
        typeof(CleanAuth.Infrastructure.DependencyInjection).Assembly,
        typeof(CleanAuth.WebApi.DependencyInjection).Assembly,
    ];

    public static TheoryData<string> SettingsClasses() =>
    [
        .. Layers.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .Select(t => t.AssemblyQualifiedName!),
    ];

    [Fact]
    public void The_settings_classes_are_found()
    {
        SettingsClasses().Should().HaveCountGreaterThanOrEqualTo(9);
    }

    [Theory]
    [MemberData(nameof(SettingsClasses))]
    public void A_settings_class_is_bound_validated_and_checked_at_start(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        var services = Registered();
        var checkedAtStart = new HashSet<Type>();
        services.AddSingleton(typeof(IValidateOptions<>).MakeGenericType(type), Activator.CreateInstance(typeof(Probe<>).MakeGenericType(type), checkedAtStart)!);

        services.Should().Contain(d => d.ServiceType == typeof(IConfigureOptions<>).MakeGenericType(type), "{0} is bound", type.Name);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<>).MakeGenericType(type)).Should().BeGreaterThan(1, "{0} is validated", type.Name);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        checkedAtStart.Should().Contain(type, "{0} is validated when the host starts", type.Name);
    }

    private static ServiceCollection Registered()
    {
        // The one setting Production cannot default (ADR 0048); everything else is left to its defaults.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Email:Delivery", "Pickup")]).Build();
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = Path.GetTempPath() };
        var services = new ServiceCollection();
        services.AddApplication(configuration).AddInfrastructure(configuration, environment).AddWebApi(configuration);
        return services;
    }

    // Records which settings the start-up check builds (and so validates).
    private sealed class Probe<T>(HashSet<Type> seen) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            seen.Add(typeof(T));
            return ValidateOptionsResult.Skip;
        }
    }
}
