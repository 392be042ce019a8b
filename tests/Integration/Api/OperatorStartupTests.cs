using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Tests.Integration.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Mistakes an operator makes at start are caught there with one line (ADR 0048): no mail transport chosen outside
/// Development, and a two-factor key that cannot open the secrets already stored (another environment's data, a
/// fresh key) — at start on the embedded store, at the first contact on MongoDB.
/// </summary>
public sealed class OperatorStartupTests
{
    private static readonly byte[] KeyA = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 3))];
    private static readonly byte[] KeyB = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 5))];

    [Fact]
    public async Task Outside_Development_a_start_with_no_mail_transport_chosen_is_refused_with_one_line_naming_Email_Delivery()
    {
        using var data = new TempFolder("cleanauth-nomail-");
        var (exitCode, lines, stderr) = await RunToExitAsync(new() { ["Storage__DataPath"] = data.Path });

        exitCode.Should().Be(1);
        stderr.Should().BeEmpty("no plain-text stack trace");
        var refused = JsonDocument.Parse(lines.Should().ContainSingle().Subject).RootElement;
        refused.Str("EventName").Should().Be("StartupRefused");
        refused.Str("Reason").Should().Contain("Email:Delivery").And.Contain("Smtp").And.Contain("Pickup");
    }

    [Theory]
    [InlineData("Production", "Pickup", null, typeof(PickupFolderEmailSender))]
    [InlineData("Production", null, "127.0.0.1", typeof(SmtpEmailSender))]
    [InlineData("Production", "Smtp", "127.0.0.1", typeof(SmtpEmailSender))]
    [InlineData("Development", null, null, typeof(PickupFolderEmailSender))]
    public void A_chosen_transport_or_an_SMTP_host_starts_it_and_Development_defaults_to_the_pickup_folder(
        string environment, string? delivery, string? host, Type sender)
    {
        using var api = new EnvironmentApi(environment, new(StringComparer.Ordinal)
        {
            ["Email:Delivery"] = delivery,
            ["Email:Smtp:Host"] = host,
            ["Email:Smtp:Security"] = "None",
        });

        api.Services.GetRequiredService<IEmailSender>().Should().BeOfType(sender);
    }

    [Theory]
    [InlineData("Smtp", null, "Email:Delivery is Smtp but Email:Smtp:Host is not set")]
    [InlineData("Pickup", "smtp.example.com", "Email:Delivery is Pickup but Email:Smtp:Host is set")]
    public void A_transport_that_contradicts_the_SMTP_host_is_refused(string delivery, string? host, string reason)
    {
        using var api = new EnvironmentApi("Production", new(StringComparer.Ordinal) { ["Email:Delivery"] = delivery, ["Email:Smtp:Host"] = host });

        var start = () => api.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public async Task On_the_embedded_store_a_key_that_cannot_open_the_stored_secrets_refuses_the_start_with_one_line_naming_the_key_ids()
    {
        using var data = new TempFolder("cleanauth-keycheck-");
        var sealedWith = await SealOneSecretAsync(new SqliteTwoFactorStore(new SqliteStore(data.Path)));

        var (exitCode, lines, stderr) = await RunToExitAsync(new()
        {
            ["Storage__DataPath"] = data.Path,
            ["Email__Delivery"] = "Pickup",
            ["TwoFactor__EncryptionKey"] = Convert.ToBase64String(KeyB),
        });

        exitCode.Should().Be(1);
        stderr.Should().BeEmpty();
        var line = lines.Should().ContainSingle().Subject;
        var refused = JsonDocument.Parse(line).RootElement;
        refused.Str("EventName").Should().Be("StartupRefused");
        refused.Str("Reason").Should().Contain(sealedWith).And.Contain(new AesGcmSecretProtector(KeyB, []).EncryptionKeyId)
            .And.Contain("TwoFactor:DecryptionKeys").And.Contain("Storage:DataPath");
        line.Should().NotContain(Convert.ToBase64String(KeyA)).And.NotContain(Convert.ToBase64String(KeyB));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_key_that_sealed_them_starts_it_as_the_encryption_key_or_as_a_decryption_key_after_a_rotation(bool rotated)
    {
        using var data = new TempFolder("cleanauth-keycheck-");
        await SealOneSecretAsync(new SqliteTwoFactorStore(new SqliteStore(data.Path)));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = data.Path,
            ["TwoFactor:EncryptionKey"] = Convert.ToBase64String(rotated ? KeyB : KeyA),
        };
        if (rotated)
        {
            settings["TwoFactor:DecryptionKeys:0"] = Convert.ToBase64String(KeyA);
        }

        using var api = new EnvironmentApi("Production", settings);

        (await api.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task On_MongoDB_a_key_that_cannot_open_the_stored_secrets_stops_the_instance_at_the_first_contact_with_one_line()
    {
        await using var server = await MongoWireServer.StartAsync();
        var connection = server.ConnectionString("cleanauth_keycheck");
        var sealedWith = await SealOneSecretAsync(new MongoTwoFactorStore(new MongoStore(connection, new StorageOptions())));
        using var data = new TempFolder("cleanauth-keycheck-");

        var (exitCode, lines, stderr) = await RunToExitAsync(new()
        {
            ["ConnectionStrings__Mongo"] = connection,
            ["Storage__DataPath"] = data.Path,
            ["Email__Delivery"] = "Pickup",
            ["TwoFactor__EncryptionKey"] = Convert.ToBase64String(KeyB),
        });

        exitCode.Should().Be(1, "the instance stops by itself:\n{0}\n{1}", string.Join('\n', lines), stderr);
        stderr.Should().BeEmpty();
        var mismatch = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.Str("@l") is "Fatal" or "Error").Should().ContainSingle().Subject;
        mismatch.Str("EventName").Should().Be("TwoFactorKeyMismatch");
        mismatch.Str("Reason").Should().Contain(sealedWith).And.Contain("TwoFactor:EncryptionKey");

        await using var good = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Mongo"] = connection,
            ["Storage:DataPath"] = data.Path,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["TwoFactor:EncryptionKey"] = Convert.ToBase64String(KeyA),
        });
        (await good.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        good.LogEvents.Should().NotContain(e => e.Str("EventName") == "TwoFactorKeyMismatch");
    }

    /// <summary>A pending two-factor secret sealed with <see cref="KeyA"/>, as a setup begun on another environment leaves it; returns the key id.</summary>
    private static async Task<string> SealOneSecretAsync(CleanAuth.Application.Accounts.Ports.ITwoFactorStore store)
    {
        var user = UserId.From(new ObjectIdGenerator().NewId());
        var protector = new AesGcmSecretProtector(KeyA, []);
        (await store.TryBeginSetupAsync(user, protector.Protect([1, 2, 3, 4, 5], user.Value), default)).Should().BeTrue();
        return protector.EncryptionKeyId;
    }

    /// <summary>Runs the built API in Production until it exits by itself; its stdout lines and stderr.</summary>
    private static async Task<(int ExitCode, string[] Lines, string Stderr)> RunToExitAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [ApiProcess.WebApiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(ApiProcess.WebApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Jwt__SigningKey"] = ApiProcess.NewSigningKey();
        start.Environment["TwoFactor__EncryptionKey"] = ApiProcess.NewEncryptionKey();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries), await stderr);
    }

    private sealed class EnvironmentApi(string environment, Dictionary<string, string?> settings) : CleanAuthApi(WithData(settings), "embedded")
    {
        private static Dictionary<string, string?> WithData(Dictionary<string, string?> settings)
        {
            settings.TryAdd("Storage:DataPath", Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N")));
            return settings;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }
}
