using System.Collections.Concurrent;
using CleanAuth.Tests.Client.Generated;
using CleanAuth.Tests.Client.Generated.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace CleanAuth.Tests.Client.Support;

/// <summary>
/// The API in memory, talked to only through the Kiota-generated <see cref="CleanAuthClient"/>. The server side
/// records which endpoint (by name) answered which status, so a test can tell which routes the client drove.
/// </summary>
public sealed class ClientApi : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "an administrator's passphrase";

    /// <summary>The password of the accounts the helpers below register.</summary>
    public const string Password = "correct horse battery staple";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-client-tests", Guid.NewGuid().ToString("N"));

    public ClientApi(Dictionary<string, string?>? settings = null)
    {
        _settings = new(StringComparer.Ordinal)
        {
            ["Jwt:SigningKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 48).Select(i => (byte)(i * 5))]),
            ["TwoFactor:EncryptionKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 3))]),
            ["Storage:DataPath"] = _dataPath,
            ["ConnectionStrings:Mongo"] = "",
            ["Email:Delivery"] = "Pickup",
            ["Passwords:Iterations"] = "1000",
            ["RateLimits:Enabled"] = "false",
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    /// <summary>The mail the API delivered (no SMTP host here: the pickup folder).</summary>
    public CleanAuth.Tests.Email.PickupMailbox Mailbox => new(_dataPath);

    /// <summary>Endpoint name → the statuses it answered.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<int>> Answered { get; } = new(StringComparer.Ordinal);

    /// <summary>The names of every endpoint the API maps under /api and /health.</summary>
    public IReadOnlyCollection<string> MappedEndpoints => [.. Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/api", StringComparison.Ordinal) || route.StartsWith("/health", StringComparison.Ordinal)))
        .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.DisplayName ?? e.RoutePattern.RawText!)];

    /// <summary>
    /// A generated client, signed in with <paramref name="accessToken"/> when one is given. Of Kiota's middleware
    /// only the headers inspector is in its pipeline: the retry handler would hide the 429s and 503s under test.
    /// </summary>
    public CleanAuthClient Client(string? accessToken = null)
    {
        var adapter = new HttpClientRequestAdapter(new BearerToken(accessToken), httpClient: CreateDefaultClient(new HeadersInspectionHandler())) { BaseUrl = Server.BaseAddress.ToString().TrimEnd('/') };
        return new CleanAuthClient(adapter);
    }

    /// <summary>Registers a new, unique address through the client and returns it.</summary>
    public async Task<string> RegisterAsync(string name = "Reader", string password = Password)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await Client().Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = name, Email = email, Password = password });
        return email;
    }

    /// <summary>Signs in through the client: one more session of that account.</summary>
    public async Task<TokenPair> SignInAsync(string email, string password = Password) =>
        (await Client().Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = password }))!;

    /// <summary>A new account, signed in: its address and a client with its access token.</summary>
    public async Task<(string Email, CleanAuthClient Client)> SignedInAsync(string name = "Reader")
    {
        var email = await RegisterAsync(name);
        return (email, Client((await SignInAsync(email)).AccessToken));
    }

    /// <summary>The bootstrapped administrator, signed in. The bootstrap runs in the background at start-up, so this waits for it.</summary>
    public async Task<CleanAuthClient> AdminAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Client((await SignInAsync(AdminEmail, AdminPassword)).AccessToken);
            }
            catch (Generated.Models.ProblemDetails problem) when (problem.Status == 401 && attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordEndpoints(Answered)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    /// <summary>Kiota's extension point for credentials: adds the bearer header to each request it builds.</summary>
    private sealed class BearerToken(string? accessToken) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            if (accessToken is not null)
            {
                request.Headers.Add("Authorization", $"Bearer {accessToken}");
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Outermost middleware: after the request, notes the endpoint that routing chose and the status sent.</summary>
    private sealed class RecordEndpoints(ConcurrentDictionary<string, ConcurrentBag<int>> answered) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                if (context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name)
                {
                    answered.GetOrAdd(name, _ => []).Add(context.Response.StatusCode);
                }
            });
            next(app);
        };
    }
}
