using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The compose deployment without containers: Debian's nginx with the repository's deploy/nginx.conf in front
/// of two real API processes on one store (the Mongo-wire server; two processes cannot share the embedded file).
/// </summary>
public sealed class LoadBalancerTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private MongoWireServer _store = null!;
    private ApiProcess _first = null!;
    private ApiProcess _second = null!;
    private NginxServer _nginx = null!;

    public async Task InitializeAsync()
    {
        if (ExternalTool.Find("nginx") is null && !ExternalTool.Required)
        {
            return; // the test is skipped (ToolFact); start nothing
        }

        _store = await MongoWireServer.StartAsync();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Mongo"] = _store.ConnectionString("cleanauth_nginx"),
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["Api:TrustForwardedHeaders"] = "true", // as in docker-compose.yml
        };
        var first = ApiProcess.StartAsync(settings);
        var second = ApiProcess.StartAsync(settings);
        _first = await first;
        _second = await second;
        _nginx = await NginxServer.StartAsync([_first.BaseAddress, _second.BaseAddress]);
    }

    public async Task DisposeAsync()
    {
        foreach (var resource in new IAsyncDisposable?[] { _nginx, _first, _second, _store })
        {
            if (resource is not null)
            {
                await resource.DisposeAsync();
            }
        }
    }

    [ToolFact("nginx")]
    public async Task A_9_MB_cover_goes_through_and_a_cover_one_byte_over_10_MB_gets_the_APIs_problem_413()
    {
        using var client = await SignedInClientAsync();

        byte[] nineMegabytes = [.. TestImages.Jpeg(1200, 1800), .. new byte[9 * 1024 * 1024]]; // decoders stop at the JPEG's end marker
        var added = await client.PostAsync("/api/books", BookClient.Form("Nine megabytes", "d", "science", cover: nineMegabytes));
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var book = await added.Content.ReadFromJsonAsync<JsonElement>();
        var cover = await client.GetByteArrayAsync(book.GetProperty("coverUrl").GetString());
        cover.Should().Equal(nineMegabytes, "the whole cover went through nginx and back");

        byte[] tooLarge = [0xFF, 0xD8, 0xFF, .. new byte[(10 * 1024 * 1024) + 1 - 3]];
        var refused = await client.PostAsync("/api/books", BookClient.Form("Too large", "d", "science", cover: tooLarge));
        refused.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        refused.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "the API answered, not nginx (whose 413 is an HTML page)");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(413);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
    }

    [ToolFact("nginx")]
    public async Task Stopping_one_instance_mid_run_sends_idempotent_requests_to_the_other_with_no_error()
    {
        using var client = await SignedInClientAsync();
        var book = await client.AddBookAsync(title: "Survives", cover: TestImages.Jpeg());
        var routes = new[] { "/api/users/me", "/api/books", $"/api/books/{book.GetProperty("id").GetString()}", book.GetProperty("thumbnailUrl").GetString()! };

        var statuses = new List<(int Index, string Route, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            // Two clients in parallel, so that requests are in flight on both instances when one stops.
            await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var route = routes[i % routes.Length];
                    HttpStatusCode status;
                    try
                    {
                        using var response = await client.GetAsync(route);
                        status = response.StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        status = 0; // a connection error the client saw: recorded, and fails the assertion below
                    }

                    lock (statuses)
                    {
                        statuses.Add((statuses.Count, route, status));
                    }
                }
            }));
        });

        await WaitForCountAsync(statuses, 40);
        var servedBefore = new[] { _first, _second }.Select(ServedRequests).ToArray();
        servedBefore.Should().OnlyContain(count => count > 0, "nginx balances round-robin over both instances");
        (await _first.TerminateAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("the instance stops on SIGTERM");
        var atStop = Count(statuses);
        await WaitForCountAsync(statuses, atStop + 60);
        await stop.CancelAsync();
        await traffic;

        statuses.Should().OnlyContain(s => s.Status == HttpStatusCode.OK, "no client sees an error while an instance stops");
        Count(statuses).Should().BeGreaterThanOrEqualTo(atStop + 60);
        ServedRequests(_second).Should().BeGreaterThan(servedBefore[1], "the remaining instance served the requests after the stop");
    }

    private static int ServedRequests(ApiProcess api) => api.LogEvents.Count(e => e.Int("@i") == 3100);

    private static int Count(List<(int, string, HttpStatusCode)> statuses)
    {
        lock (statuses)
        {
            return statuses.Count;
        }
    }

    private static async Task WaitForCountAsync(List<(int, string, HttpStatusCode)> statuses, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (Count(statuses) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {Count(statuses)} of {count} requests answered within 120 s");
            }

            await Task.Delay(50);
        }
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = _nginx.CreateClient();
        var email = $"lb-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "Balanced", email, password = Password })).StatusCode.Should().Be(HttpStatusCode.Created);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
