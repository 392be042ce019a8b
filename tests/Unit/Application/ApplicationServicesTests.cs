using CleanAuth.Application;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Unit.Application;

/// <summary>What <c>AddApplication()</c> provides by itself, before any adapter replaces a port.</summary>
public sealed class ApplicationServicesTests
{
    [Fact]
    public void The_cover_limits_are_the_configured_ones_read_by_value_and_the_clock_keeps_milliseconds()
    {
        using var provider = Build(new() { ["Covers:MaxUploadBytes"] = "12345" });

        provider.GetRequiredService<CoverLimits>().MaxUploadBytes.Should().Be(12345);
        provider.GetRequiredService<TimeProvider>().Should().BeOfType<MillisecondClock>();
    }

    [Fact]
    public void Without_a_device_token_adapter_no_token_is_issued_and_no_device_is_known()
    {
        using var provider = Build([]);
        var devices = provider.GetRequiredService<IDeviceTokens>();

        devices.Should().BeOfType<NoDeviceTokens>();
        devices.Issue("alice@example.com").Should().BeEmpty();
        devices.IsValidFor("", "alice@example.com").Should().BeFalse();
        devices.IsValidFor(null, "alice@example.com").Should().BeFalse();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddApplication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
