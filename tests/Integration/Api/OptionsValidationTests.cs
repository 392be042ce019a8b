using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>A missing or invalid setting stops the start, with a message that names the setting.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Jwt:Issuer", "")]
    [InlineData("Jwt:Audience", " ")]
    [InlineData("Jwt:AccessTokenLifetime", "00:00:00")]
    [InlineData("Jwt:AccessTokenLifetime", "30.00:00:00")]
    [InlineData("Storage:MongoServerSelectionTimeout", "00:00:00")]
    [InlineData("Storage:MongoDatabase", "bad/name")]
    [InlineData("Passwords:Iterations", "10")]
    [InlineData("Api:MaxRequestBodyBytes", "0")]
    [InlineData("Api:ShutdownTimeout", "00:00:00")]
    [InlineData("ConnectionStrings:Mongo", "not-a-connection-string")]
    [InlineData("Accounts:RecentSignIn", "00:00:00")]
    [InlineData("Accounts:RecentSignIn", "2.00:00:00")]
    [InlineData("Covers:DecodeBudgetMegabytes", "0")]
    [InlineData("Covers:DecodeQueueTimeout", "00:00:00")]
    public void An_invalid_setting_stops_the_start_naming_the_setting(string setting, string value)
    {
        using var api = CleanAuthApi.Embedded(new() { [setting] = value });

        var start = () => api.CreateClient();

        var message = start.Should().Throw<Exception>().Which.Message;
        message.Should().Contain(setting);
    }

    [Fact]
    public void Storage_DataPath_cannot_be_empty()
    {
        using var api = new EmptyDataPathApi();

        var start = () => api.CreateClient();

        start.Should().Throw<Exception>().Which.Message.Should().Contain("Storage:DataPath");
    }

    [Fact]
    public void Valid_settings_start_and_the_shutdown_timeout_comes_from_configuration()
    {
        using var api = CleanAuthApi.Embedded(new() { ["Api:ShutdownTimeout"] = "00:00:17" });

        using var client = api.CreateClient();

        api.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(17));
    }

    private sealed class EmptyDataPathApi() : CleanAuthApi(new(StringComparer.Ordinal) { ["Storage:DataPath"] = "" }, "embedded");
}
