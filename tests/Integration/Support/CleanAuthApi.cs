using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Infrastructure.Persistence.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>The whole API in memory, over one of the two stores, with a known signing key and a log capture.</summary>
public class CleanAuthApi : WebApplicationFactory<Program>
{
    public const string Issuer = "cleanauth-test";
    public const string Audience = "cleanauth-test-api";

    // A test-only key of fixed bytes, so tests can mint tokens the API should accept or refuse. 64 bytes, so
    // that a test can also sign with HS512 (which needs that many) and see it refused.
    public static readonly byte[] SigningKey = [.. Enumerable.Range(1, 64).Select(i => (byte)(i * 7))];

    /// <summary>The two-factor encryption key of every in-memory API (32 fixed bytes), so instances sharing a store agree.</summary>
    public static readonly byte[] TwoFactorKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 11))];

    private readonly Dictionary<string, string?> _settings;

    static CleanAuthApi() => ForcedCollections.StartIfAsked();
    private bool _ownsDataPath = true;

    protected CleanAuthApi(Dictionary<string, string?> settings, string storeName, FakeTimeProvider? clock = null)
    {
        StoreName = storeName;
        Clock = clock;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Jwt:SigningKey"] = Convert.ToBase64String(SigningKey),
            ["TwoFactor:EncryptionKey"] = Convert.ToBase64String(TwoFactorKey),
            ["Jwt:Issuer"] = Issuer,
            ["Jwt:Audience"] = Audience,
            // Hashing cost is not under test here; 1,000 iterations keep a login to about a millisecond.
            ["Passwords:Iterations"] = "1000",
            ["Serilog:MinimumLevel:Default"] = "Information",
            // Rate limits are off unless a test is about them (RateLimitTests switches them on).
            ["RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        // Outside Development the mail transport must be chosen (ADR 0048): the pickup folder, unless a test names an SMTP host.
        if (!_settings.ContainsKey("Email:Delivery") && string.IsNullOrEmpty(_settings.GetValueOrDefault("Email:Smtp:Host")))
        {
            _settings["Email:Delivery"] = "Pickup";
        }
    }

    public string StoreName { get; }

    /// <summary>The clock the API runs on when a test drives time; null for the system clock.</summary>
    public FakeTimeProvider? Clock { get; }

    public CapturingLogSink Logs { get; } = new();

    /// <summary>Replacements applied after the API's own registrations, e.g. a repository that fails on purpose.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public static CleanAuthApi Embedded(Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        // A data folder the caller names is the caller's to remove; one made here goes with the factory.
        if (settings?.ContainsKey("Storage:DataPath") == true)
        {
            return new CleanAuthApi(settings, "embedded", clock) { _ownsDataPath = false };
        }

        var dataPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        return new CleanAuthApi(new(settings ?? [], StringComparer.Ordinal) { ["Storage:DataPath"] = dataPath }, "embedded", clock);
    }

    // The data folder holds only the mail pickup folder here: one of its own, as for the embedded store, so tests
    // can read the mail and none lands beside the sources.
    public static CleanAuthApi Mongo(string connectionString, Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings ?? [], StringComparer.Ordinal) { ["ConnectionStrings:Mongo"] = connectionString };
        var owned = all.TryAdd("Storage:DataPath", System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N")));
        return new CleanAuthApi(all, "mongo", clock) { _ownsDataPath = owned };
    }

    public override string ToString() => StoreName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogEventSink>(Logs));
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    // Suspected, not proven: WebApplicationFactory captures Program's host through a process-wide
    // DiagnosticListener, and two hosts starting at the same instant were once seen mixed up (one class's
    // host disposed by another test). Starting hosts one at a time costs little and rules that out.
    private static readonly Lock HostStartGate = new();

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        lock (HostStartGate)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataPath && _settings.TryGetValue("Storage:DataPath", out var path) && path is not null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public string DataPath => _settings["Storage:DataPath"]!;

    /// <summary>
    /// Runs one round of the mail sender now, as its schedule would, and returns once it ended: nothing wakes the sender
    /// (ADR 0042), and on a fake clock its schedule waits for the test to move the clock.
    /// </summary>
    public Task DeliverMailAsync() => Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
        .OfType<CleanAuth.Infrastructure.Email.EmailDeliveryService>().Single().DeliverDueAsync(CancellationToken.None);

    public string EmbeddedFile => System.IO.Path.Combine(DataPath, SqliteStore.FileName);

    /// <summary>Registers a new user with a unique email and signs in; returns the client's credentials.</summary>
    public async Task<TestUser> SignUpAsync(string? name = null, string password = "correct horse battery staple")
    {
        using var client = CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var register = await client.PostAsJsonAsync("/api/auth/register", new { name = name ?? "Test User", email, password });
        register.EnsureSuccessStatusCode();
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var token = await LoginAsync(email, password);
        return new TestUser(id, email, password, token);
    }

    /// <summary>
    /// <see cref="SignUpAsync"/>, then the address marked confirmed in the store, as the mailed code would (what a test
    /// of the second factor needs: setting one up waits for a confirmed address, ADR 0043).
    /// </summary>
    public async Task<TestUser> SignUpConfirmedAsync(string? name = null, string password = "correct horse battery staple")
    {
        var user = await SignUpAsync(name, password);
        await Services.GetRequiredService<CleanAuth.Application.Accounts.Ports.IUserRepository>()
            .MarkEmailConfirmedAsync(CleanAuth.Domain.Users.UserId.From(user.Id), default);
        return user;
    }

    public async Task<string> LoginAsync(string email, string password) => (await SignInAsync(email, password)).AccessToken;

    /// <summary>Logs in and returns the whole token pair.</summary>
    public async Task<Session> SignInAsync(string email, string password)
    {
        using var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return Session.From(await login.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
    }

    /// <summary>GET /api/users/me with the access token; its status says whether the token still works.</summary>
    public async Task<HttpStatusCode> MeStatusAsync(string accessToken)
    {
        using var client = CreateClient(accessToken);
        return (await client.GetAsync("/api/users/me")).StatusCode;
    }

    public HttpClient CreateClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}

public sealed record TestUser(string Id, string Email, string Password, string AccessToken);

/// <summary>A token pair as the API returned it.</summary>
public sealed record Session(string AccessToken, string RefreshToken, int ExpiresIn, int RefreshExpiresIn)
{
    public static Session From(JsonElement body) => new(
        body.GetProperty("accessToken").GetString()!,
        body.GetProperty("refreshToken").GetString()!,
        body.GetProperty("expiresIn").GetInt32(),
        body.GetProperty("refreshExpiresIn").GetInt32());

    public static async Task<Session> FromAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return From(JsonDocument.Parse(text).RootElement);
    }
}

/// <summary>The API over the embedded store, shared by one test class.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    public CleanAuthApi Api { get; } = CleanAuthApi.Embedded();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>The API over a fresh Mongo-wire server, shared by one test class.</summary>
public sealed class MongoWireApiFixture : IAsyncLifetime
{
    private MongoWireServer? _server;

    public CleanAuthApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MongoWireServer.StartAsync();
        Api = CleanAuthApi.Mongo(_server.ConnectionString("cleanauth"));
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The API over the real MongoDB named by CLEANAUTH_TEST_MONGODB, in a database of its own.</summary>
public sealed class RealMongoApiFixture : IAsyncLifetime
{
    private CleanAuthApi? _api;

    public CleanAuthApi Api => _api ?? throw new InvalidOperationException(RealMongo.SkipReason);

    public Task InitializeAsync()
    {
        if (RealMongo.ConnectionString is { } connectionString)
        {
            var url = new MongoDB.Driver.MongoUrlBuilder(connectionString) { DatabaseName = "cleanauth_test_" + Guid.NewGuid().ToString("N") };
            _api = CleanAuthApi.Mongo(url.ToString());
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
