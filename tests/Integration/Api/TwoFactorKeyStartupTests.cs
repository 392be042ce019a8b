using CleanAuth.Tests.Integration.Support;
using Microsoft.AspNetCore.Hosting;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Outside Development the two-factor encryption key is required at start, like the signing key (ADR 0041).</summary>
public sealed class TwoFactorKeyStartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")] // "short": 5 bytes
    [InlineData("not base64!")]
    public void Outside_Development_the_api_refuses_to_start_without_a_32_byte_two_factor_key(string key)
    {
        using var api = new ProductionApi(key);

        var start = () => api.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*TwoFactor:EncryptionKey*")
            .Which.Message.Should().NotContain(key.Length > 0 ? key : "\u0000");
    }

    private sealed class ProductionApi(string key) : CleanAuthApi(new(StringComparer.Ordinal)
    {
        ["TwoFactor:EncryptionKey"] = key,
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
