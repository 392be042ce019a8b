using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public sealed class RateLimitedApiFixture : IAsyncLifetime
{
    public CleanAuthApi Api { get; } = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Refresh"] = "1" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>
/// One error shape whoever answers: the JWT middleware, routing (404, 405), the rate limiter, the request-head
/// limits and the exception handler all send application/problem+json with type, title, status and traceId,
/// and the same type and title for the same status.
/// </summary>
public sealed class ProblemShapeTests(RateLimitedApiFixture fixture) : IClassFixture<RateLimitedApiFixture>
{
    public static TheoryData<string, string, HttpStatusCode, string, string> Cases => new()
    {
        { "JWT middleware, no token", "GET /api/users/me", HttpStatusCode.Unauthorized, "https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized." },
        { "JWT middleware, bad token", "GET /api/users/me bearer", HttpStatusCode.Unauthorized, "https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized." },
        { "unmatched route", "GET /api/nothing-here", HttpStatusCode.NotFound, "https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not found." },
        { "wrong method", "PATCH /api/auth/login", HttpStatusCode.MethodNotAllowed, "https://tools.ietf.org/html/rfc9110#section-15.5.6", "Method not allowed." },
        { "request target too long", "GET /api/" + new string('a', 9000), HttpStatusCode.RequestUriTooLong, "https://tools.ietf.org/html/rfc9110#section-15.5.15", "URI too long." },
        { "headers too large", "GET /api/users/me big-header", HttpStatusCode.RequestHeaderFieldsTooLarge, "https://tools.ietf.org/html/rfc6585#section-5", "Request headers too large." },
        { "malformed JSON", "POST /api/auth/login {", HttpStatusCode.BadRequest, "https://tools.ietf.org/html/rfc9110#section-15.5.1", "Bad request." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_status_has_the_same_problem_shape(string because, string request, HttpStatusCode status, string type, string title)
    {
        using var client = fixture.Api.CreateClient();
        using var response = await client.SendAsync(Build(request));

        await ShouldHaveShapeAsync(response, status, type, title, because);
    }

    [Fact]
    public async Task The_rate_limiter_429_has_the_shape_and_Retry_After()
    {
        using var client = fixture.Api.CreateClient();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3 && limited is null; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/logout", new { refreshToken = "x" });
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        limited.Should().NotBeNull("the refresh policy allows one request a window");
        limited!.Headers.RetryAfter.Should().NotBeNull();
        await ShouldHaveShapeAsync(limited, HttpStatusCode.TooManyRequests, "https://tools.ietf.org/html/rfc6585#section-4", "Too many requests.", "rate limiter");
    }

    [Fact]
    public async Task The_validation_400_keeps_its_title_and_field_errors_with_the_shape()
    {
        using var client = fixture.Api.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "", email = "nope", password = "x" });

        var problem = await ShouldHaveShapeAsync(response, HttpStatusCode.BadRequest, "https://tools.ietf.org/html/rfc9110#section-15.5.1", "One or more fields are invalid.", "validation");
        problem.ErrorFields().Should().Contain(["email", "password"]);
    }

    internal static async Task<JsonElement> ShouldHaveShapeAsync(HttpResponseMessage response, HttpStatusCode status, string type, string title, string because)
    {
        var problem = await response.ShouldBeProblemAsync(status);
        problem.GetProperty("type").GetString().Should().Be(type, because);
        problem.GetProperty("title").GetString().Should().Be(title, because);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty(because);
        return problem;
    }

    private static HttpRequestMessage Build(string request)
    {
        var parts = request.Split(' ', 3);
        var message = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
        switch (parts.ElementAtOrDefault(2))
        {
            case "bearer":
                message.Headers.Authorization = new("Bearer", "not-a-token");
                break;
            case "big-header":
                message.Headers.Add("X-Big", new string('b', 40_000));
                break;
            case { } json:
                message.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
                break;
        }

        return message;
    }
}

/// <summary>Kestrel itself parses the request head: its 414 and 431 get the same shape up to twice the limits.</summary>
public sealed class ProblemShapeOverKestrelTests
{
    // The body limit is Kestrel's (Api:MaxRequestBodyBytes, 64 KiB by default), which the in-memory test server
    // does not enforce: so it is proven here, over a real Kestrel (ADR 0050).
    [Theory]
    [InlineData("with Content-Length")]
    [InlineData("chunked")]
    public async Task A_real_Kestrel_answers_a_body_over_the_limit_413_as_a_problem_and_stores_nothing(string framing)
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N")),
        });
        using var client = api.CreateClient();
        var email = $"big-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple";
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = JsonContent.Create(new { name = new string('a', 70_000), email, password }),
        };
        if (framing == "chunked")
        {
            register.Headers.TransferEncodingChunked = true;
        }
        else
        {
            await register.Content.LoadIntoBufferAsync();
        }

        using var response = await client.SendAsync(register);

        await ProblemShapeTests.ShouldHaveShapeAsync(response, HttpStatusCode.RequestEntityTooLarge, "https://tools.ietf.org/html/rfc9110#section-15.5.14", "Request body too large.", "413 over Kestrel, " + framing);
        (await client.PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "nothing was stored");
    }

    [Fact]
    public async Task A_real_Kestrel_answers_414_and_431_as_problems()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N")),
        });
        using var client = api.CreateClient();

        using var longTarget = await client.GetAsync("/api/" + new string('a', 9000));
        await ProblemShapeTests.ShouldHaveShapeAsync(longTarget, HttpStatusCode.RequestUriTooLong, "https://tools.ietf.org/html/rfc9110#section-15.5.15", "URI too long.", "414 over Kestrel");

        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        bigHeaders.Headers.Add("X-Big", new string('b', 40_000));
        using var tooLarge = await client.SendAsync(bigHeaders);
        await ProblemShapeTests.ShouldHaveShapeAsync(tooLarge, HttpStatusCode.RequestHeaderFieldsTooLarge, "https://tools.ietf.org/html/rfc6585#section-5", "Request headers too large.", "431 over Kestrel");

        // Header fields are counted as Kestrel counts them, one per line: 100 pass, the 101st is the app's 431 problem.
        (await RawAsync(api.BaseAddress, WithFields(100))).Head.Should().StartWith("HTTP/1.1 200");
        var tooMany = await RawAsync(api.BaseAddress, WithFields(101));
        tooMany.Head.Should().StartWith("HTTP/1.1 431").And.Contain("Content-Type: application/problem+json");
        tooMany.Body.Should().Contain("\"title\":\"Request headers too large.\"").And.Contain("more than 100 header fields").And.Contain("\"traceId\"");
        var repeated = await RawAsync(api.BaseAddress, WithFields(101, sameName: true));
        repeated.Head.Should().StartWith("HTTP/1.1 431", "a repeated name counts once per line").And.Contain("application/problem+json");

        // What only Kestrel answers, before any middleware (ADR 0027): the limits measured there, empty bodies.
        foreach (var (request, status) in new[]
        {
            (WithFields(201), "431"),
            ("GET /" + new string('a', 16_370) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414"),
            ("GET * HTTP/1.1\r\nHost: x\r\n\r\n", "405"),
            ("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}", "400"),
            ("GET /api/%00 HTTP/1.1\r\nHost: x\r\n\r\n", "400"),
        })
        {
            var answer = await RawAsync(api.BaseAddress, request);
            answer.Head.Should().StartWith($"HTTP/1.1 {status}", request[..Math.Min(request.Length, 40)]).And.Contain("Content-Length: 0");
        }
    }

    /// <summary>A GET of the liveness probe with <paramref name="fields"/> header lines in all (Host and Connection among them).</summary>
    private static string WithFields(int fields, bool sameName = false) =>
        "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + string.Concat(Enumerable.Range(0, fields - 2).Select(i => sameName ? "X-Same: v\r\n" : $"X-Field-{i}: v\r\n")) + "\r\n";

    /// <summary>Sends raw bytes (HttpClient would refuse or fix most of these) and reads until the server closes.</summary>
    private static async Task<(string Head, string Body)> RawAsync(Uri server, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        var text = System.Text.Encoding.ASCII.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return split < 0 ? (text, "") : (text[..split], text[(split + 4)..]);
    }
}
