using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using CsCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>
/// Issue 6: at least 10,000 generated malformed requests across every route, mixed with valid ones. Never a
/// 5xx; every 4xx an RFC 9457 problem; nothing logged above Warning; and afterwards the store holds exactly
/// what the valid requests put there. In-process over the embedded store, so it fits the CI budget.
/// <para>
/// The run is one stateful session (valid requests create what later junk is aimed at), so it is not shrunk
/// request by request: CsCheck draws the whole stream from one seed instead, and the seed is printed with
/// every failure. Set CLEANAUTH_FUZZ_SEED to replay a run (or to explore another), CLEANAUTH_FUZZ_REQUESTS
/// to change how many malformed requests are sent.
/// </para>
/// </summary>
public sealed class MalformedRequestFuzzTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20_260_606;
    private const int DefaultMalformedRequests = 10_000;
    private const string AdminEmail = "fuzz-admin@example.com";
    private const string AdminPassword = "fuzz admin passphrase";

    [Fact]
    public async Task The_fuzzer_knows_every_route_the_app_maps()
    {
        await using var api = CleanAuthApi.Embedded();
        using var _ = api.CreateClient(); // Starts the host.

        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToList();

        mapped.Should().BeEquivalentTo(FuzzRoutes.All, "a route the fuzzer does not know is a route nobody fuzzes; add it to FuzzRoutes and give it junk");
    }

    [Fact]
    public async Task Malformed_requests_never_get_a_5xx_and_leave_only_what_valid_requests_stored()
    {
        var seed = Environment.GetEnvironmentVariable("CLEANAUTH_FUZZ_SEED") is { Length: > 0 } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : DefaultSeed;
        var malformedToSend = Environment.GetEnvironmentVariable("CLEANAUTH_FUZZ_REQUESTS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : DefaultMalformedRequests;
        output.WriteLine($"Fuzz seed {seed} (replay with CLEANAUTH_FUZZ_SEED={seed}).");

        await using var api = CleanAuthApi.Embedded(new(StringComparer.Ordinal)
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            // Tens of thousands of request events on the console would cost more than the requests; errors still show.
            ["Serilog:WriteTo:0:Args:configure:0:Args:restrictedToMinimumLevel"] = "Error",
        });
        var model = await StartModelAsync(api);
        using var client = api.CreateClient();

        var pcg = new PCG(1, seed);
        var failures = new List<string>();
        var sent = new Dictionary<(string Route, string Category), int>();
        var elapsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var index = 0;
        var malformedSent = 0;
        while (malformedSent < malformedToSend && failures.Count < 25)
        {
            var fuzzCase = FuzzGenerators.Any.Generate(pcg, null!, out _);
            var request = fuzzCase.Plan(model);
            using var message = request.Message;
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsByteArrayAsync();
            elapsed[fuzzCase.Category] = elapsed.GetValueOrDefault(fuzzCase.Category) + Stopwatch.GetElapsedTime(started);

            if (Verdict(fuzzCase, response, body) is { } wrong)
            {
                failures.Add($"#{index} (seed {seed}) [{fuzzCase.Category}] {request.Preview}\n  → {(int)response.StatusCode}: {wrong}\n  body: {FuzzRequest.Shorten(Encoding.UTF8.GetString(body))}");
            }
            else if (fuzzCase.Expected == Expected.Success)
            {
                request.OnSuccess?.Invoke(IsJson(response) ? JsonDocument.Parse(body).RootElement.Clone() : default);
            }

            sent[(request.Route, fuzzCase.Category)] = sent.GetValueOrDefault((request.Route, fuzzCase.Category)) + 1;
            malformedSent += fuzzCase.Category == Categories.Valid ? 0 : 1;
            index++;
        }

        output.WriteLine($"{index} requests ({malformedSent} malformed) in {clock.Elapsed.TotalSeconds:0.0} s.");
        foreach (var category in sent.GroupBy(kv => kv.Key.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {category.Key}: {category.Sum(kv => kv.Value)} over {category.Count()} routes, {elapsed[category.Key].TotalSeconds:0.0} s");
        }

        failures.Should().BeEmpty($"every request must get the answer its kind calls for (seed {seed}):\n{string.Join("\n", failures)}\n\nFirst errors logged:\n{FirstErrors(api)}");
        EveryRouteAndCategoryWasFuzzed(sent, malformedToSend);
        await NothingWasLoggedAboveWarningAsync(api);
        StoreHoldsExactlyTheModel(api, model);
        await TheApiAgreesWithTheModelAsync(api, model);
    }

    /// <summary>The distinct exceptions logged at Error, to explain a 5xx without rerunning.</summary>
    private static string FirstErrors(CleanAuthApi api) => string.Join("\n---\n", api.Logs.Events
        .Where(e => e.TryGetProperty("@l", out var level) && level.GetString() == "Error")
        .Select(e => $"{(e.TryGetProperty("RequestPath", out var path) ? path.GetString() : "")}: {(e.TryGetProperty("@x", out var x) ? x.GetString() : e.GetRawText())}")
        .DistinctBy(text => text.Length > 300 ? text[..300] : text)
        .Take(5));

    /// <summary>Why the response is wrong for its case, or null when it is right.</summary>
    private static string? Verdict(FuzzCase fuzzCase, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "a server error";
        }

        if (fuzzCase.Expected == Expected.Success)
        {
            return status is >= 200 and < 300 ? null : "a valid request was refused";
        }

        if (status is < 400 or >= 500)
        {
            return "a malformed request was accepted";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"a 4xx without a problem body (Content-Type {response.Content.Headers.ContentType})";
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            return problem.GetProperty("status").GetInt32() == status && problem.GetProperty("title").GetString() is { Length: > 0 }
                ? null
                : "a problem body whose status or title is wrong";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "a problem body that is not an RFC 9457 problem: " + ex.Message;
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.Ordinal) && response.Content.Headers.ContentLength != 0;

    /// <summary>At the default 10,000: at least 20 junk requests per route and 100 per category the issue names.</summary>
    private static void EveryRouteAndCategoryWasFuzzed(Dictionary<(string Route, string Category), int> sent, int malformedSent)
    {
        foreach (var route in FuzzRoutes.All)
        {
            sent.Where(kv => kv.Key.Route == route && kv.Key.Category != Categories.Valid).Sum(kv => kv.Value)
                .Should().BeGreaterThanOrEqualTo(malformedSent / 500, $"{route} must get its share of junk");
        }

        foreach (var category in Categories.Required)
        {
            sent.Where(kv => kv.Key.Category == category).Sum(kv => kv.Value).Should().BeGreaterThanOrEqualTo(malformedSent / 100, $"the issue asks for {category}");
        }
    }

    private static async Task NothingWasLoggedAboveWarningAsync(CleanAuthApi api)
    {
        // The request event is written after the response is handed over; give the last ones a moment.
        await Task.Delay(200);
        var events = api.Logs.Events;
        var aboveWarning = events.Where(e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal").ToList();
        aboveWarning.Should().BeEmpty("nothing a client sends may log an error:\n" + string.Join("\n", aboveWarning.Take(5)));
        var withException = events.Where(e => e.TryGetProperty("@x", out _)
            && !(e.TryGetProperty("@l", out var level) && level.GetString() is "Verbose" or "Debug" or "Information" or "Warning")).ToList();
        withException.Should().BeEmpty("no exception may be logged above Warning:\n" + string.Join("\n", withException.Take(5)));
    }

    /// <summary>Straight from the embedded store: every user, book, author and cover file, nothing more.</summary>
    private static void StoreHoldsExactlyTheModel(CleanAuthApi api, FuzzModel model)
    {
        var data = api.DataPath;

        var expectedUsers = new[] { model.Admin, model.Owner }.Concat(model.Users)
            .Select(u => $"{u.Id} {u.Email} {u.Name} disabled={u.Disabled} admin={u.IsAdmin}");
        EmbeddedData.Rows(data, "SELECT Id, Email, Name, Disabled, Roles FROM users")
            .Select(u => $"{u["Id"]} {u["Email"]} {u["Name"]} disabled={(long)u["Disabled"]! != 0} admin={((string)u["Roles"]!).Contains("\"admin\"", StringComparison.Ordinal)}")
            .Should().BeEquivalentTo(expectedUsers, "the users are the bootstrapped admin, the owner and the valid registrations");

        var books = EmbeddedData.Rows(data, "SELECT Id, OwnerId, Title, Description, Category, AuthorId, CoverFileId, ThumbnailFileId FROM books");
        books.Select(b => $"{b["Id"]} owner={b["OwnerId"]} {b["Title"]} | {b["Description"]} | {b["Category"]} | {b["AuthorId"]}")
            .Should().BeEquivalentTo(model.Books.Values.Select(b => $"{b.Id} owner={model.Owner.Id} {b.Title} | {b.Description} | {b.Category} | {b.AuthorId}"));

        EmbeddedData.Rows(data, "SELECT Id, OwnerId, Name, Country, BookerPrize FROM authors")
            .Select(a => $"{a["Id"]} owner={a["OwnerId"]} {a["Name"]} | {a["Country"]} | {(long)a["BookerPrize"]! != 0}")
            .Should().BeEquivalentTo(model.Authors.Values.Select(a => $"{a.Id} owner={model.Owner.Id} {a.Name} | {a.Country} | {a.BookerPrize}"));

        // No half-written book: every cover file belongs to a stored book, and every stored book's files are there.
        EmbeddedData.Strings(data, "SELECT Id FROM covers")
            .Should().BeEquivalentTo(books.SelectMany(b => new[] { (string)b["CoverFileId"]!, (string)b["ThumbnailFileId"]! }), "cover files are exactly the stored books' covers");
    }

    private static async Task TheApiAgreesWithTheModelAsync(CleanAuthApi api, FuzzModel model)
    {
        using var owner = api.CreateClient(model.Owner.Session!.AccessToken);
        (await owner.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("name").GetString().Should().Be(model.Owner.Name);
        (await owner.GetFromJsonAsync<JsonElement>("/api/books?pageSize=1")).GetProperty("totalCount").GetInt64().Should().Be(model.Books.Count);
        (await owner.GetFromJsonAsync<JsonElement>("/api/authors")).GetArrayLength().Should().Be(model.Authors.Count);
    }

    /// <summary>The owner (a fresh sign-up) and the bootstrapped administrator, signed in.</summary>
    private static async Task<FuzzModel> StartModelAsync(CleanAuthApi api)
    {
        var owner = await api.SignUpAsync("Library Owner", "the owner's passphrase");
        var adminSession = await SignInWhenBootstrappedAsync(api);
        using var adminClient = api.CreateClient(adminSession.AccessToken);
        var adminId = (await adminClient.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString()!;
        var ownerSession = await api.SignInAsync(owner.Email, owner.Password);
        return new FuzzModel
        {
            Admin = new ModelUser(adminId, AdminEmail, "Administrator", AdminPassword) { IsAdmin = true, Session = adminSession },
            Owner = new ModelUser(owner.Id, owner.Email, "Library Owner", owner.Password) { Session = ownerSession },
        };
    }

    // The bootstrap runs in the background at start-up; the admin exists a moment after the host does.
    private static async Task<Session> SignInWhenBootstrappedAsync(CleanAuthApi api)
    {
        using var client = api.CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword });
            if (response.StatusCode == HttpStatusCode.OK || attempt == 100)
            {
                return await Session.FromAsync(response);
            }

            await Task.Delay(50);
        }
    }
}
