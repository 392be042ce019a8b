using CleanAuth.Tests.Integration.Support;
using Microsoft.AspNetCore.Hosting;

namespace CleanAuth.Tests.Integration.Api;

public sealed class StartupTests
{
    [Theory]
    [InlineData(null, null, "Jwt:SigningKey")]
    [InlineData("Jwt:AccessTokenLifetime", "00:00:01", "Jwt:AccessTokenLifetime")]
    [InlineData("Jwt:AccessTokenLifetime", "00:00:01", "Passwords:MaxConcurrentHashes", "Passwords:MaxConcurrentHashes", "0")] // two at once
    [InlineData("Lockout:MaxFailedAttempts", "-77", "Lockout:MaxFailedAttempts", "Covers:MaxConcurrentThumbnails", "-77")] // Application's, once unchecked
    public async Task A_real_process_refused_at_start_writes_one_Fatal_JSON_event_naming_the_setting_and_exits_with_1(
        string? setting, string? value, string named, string? secondSetting = null, string? secondValue = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [ApiProcess.WebApiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(ApiProcess.WebApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["Email__Delivery"] = "Pickup"; // chosen, so that only the setting under test is refused
        if (setting is not null)
        {
            start.Environment["Jwt__SigningKey"] = ApiProcess.NewSigningKey();
            start.Environment[setting.Replace(":", "__", StringComparison.Ordinal)] = value;
            if (secondSetting is not null)
            {
                start.Environment[secondSetting.Replace(":", "__", StringComparison.Ordinal)] = secondValue;
            }
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(1);
        (await stderr).Should().BeEmpty("no plain-text stack trace");
        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Subject;
        var logEvent = System.Text.Json.JsonDocument.Parse(line).RootElement;
        logEvent.Str("@l").Should().Be("Fatal");
        logEvent.Str("EventName").Should().Be("StartupRefused");
        logEvent.Str("Reason").Should().Contain(named).And.Contain(setting ?? named, "every invalid setting is named");
        if (value is not null)
        {
            line.Should().NotContain(value, "a message names a setting, never its value");
        }

        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")] // "short": 5 bytes
    [InlineData("not base64!")]
    public void Outside_Development_the_api_refuses_to_start_without_a_strong_signing_key(string key)
    {
        using var api = new ProductionApi(key);

        var start = () => api.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*Jwt:SigningKey*")
            .Which.Message.Should().NotContain(key.Length > 0 ? key : "\u0000");
    }

    private sealed class ProductionApi(string key) : CleanAuthApi(new(StringComparer.Ordinal)
    {
        ["Jwt:SigningKey"] = key,
        ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N")),
    }, "embedded")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
