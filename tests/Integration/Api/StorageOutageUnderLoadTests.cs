using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The store goes away while clients are registering, adding books and reading, then comes back. Requests get
/// 503 with Retry-After meanwhile (never a 500), readiness is red, the same host serves again afterwards, and no
/// write that was acknowledged with a 2xx is lost.
/// </summary>
public abstract class StorageOutageUnderLoadTests(ITestOutputHelper output)
{
    private const int Clients = 3;

    // Generous, for CI's two busy cores; the test normally takes a few seconds.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    /// <summary>The API over its store, and the switch that takes the store away and brings it back.</summary>
    protected sealed record Outage(CleanAuthApi Api, Action Cut, Action Restore, Func<ValueTask> Cleanup) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await Cleanup();
        }
    }

    protected abstract Task<Outage> StartAsync();

    /// <summary>Each store's class runs this as its test: during a store outage under load requests get 503, readiness
    /// is red, and afterwards the same host recovers with every acknowledged write kept.</summary>
    protected async Task OutageUnderLoadCoreAsync()
    {
        await using var outage = await StartAsync();
        var api = outage.Api;
        var libraries = new List<TestUser>();
        for (var i = 0; i < Clients; i++)
        {
            libraries.Add(await api.SignUpAsync($"Library {i}"));
        }

        var clock = Stopwatch.StartNew();
        var traffic = new Traffic(api, libraries, clock);
        using var probe = api.CreateClient();
        traffic.Start();

        // Enough acknowledged writes, and some old enough that the store must keep them through the outage.
        await WaitUntilAsync("writes are acknowledged before the outage", () => traffic.Registered.Count >= 4 && traffic.BookCount >= 2
            && traffic.AcknowledgedAt.Values.Count >= 6);
        var beforeCut = traffic.Exchanges.Count;
        outage.Cut();
        var cutAt = clock.Elapsed;

        await WaitUntilAsync("the traffic meets the outage", () => traffic.Exchanges.Skip(beforeCut).Any(e => e.Status == HttpStatusCode.ServiceUnavailable));
        await WaitUntilAsync("readiness goes red", async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable);
        var duringOutage = await probe.PostAsJsonAsync("/api/auth/register", new { name = "Out", email = $"out-{Guid.NewGuid():N}@example.com", password = "correct horse battery staple" });
        await duringOutage.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        duringOutage.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await probe.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is alive; only the store is gone");

        var writesBeforeRestore = traffic.AcknowledgedWrites;
        outage.Restore();
        var restoredAt = clock.Elapsed;
        await WaitUntilAsync("readiness turns green again", async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
        var readyAt = clock.Elapsed;
        await WaitUntilAsync("the same host acknowledges writes again", () => traffic.AcknowledgedWrites >= writesBeforeRestore + 3);
        await traffic.StopAsync();
        output.WriteLine($"cut at {cutAt.TotalSeconds:0.0}s, restored at {restoredAt.TotalSeconds:0.0}s, ready again {(readyAt - restoredAt).TotalSeconds:0.0}s later; " +
            $"{traffic.Exchanges.Count} requests: {string.Join(", ", traffic.Exchanges.GroupBy(e => (int)e.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"))}; " +
            $"{traffic.Registered.Count} registrations and {traffic.BookCount} books acknowledged");

        traffic.Failures.Should().BeEmpty("no request may fail in any other way than a 503 with Retry-After");
        traffic.Exchanges.Select(e => e.Status).Should().OnlyContain(
            s => s == HttpStatusCode.OK || s == HttpStatusCode.Created || s == HttpStatusCode.ServiceUnavailable, "never a 500, before, during or after");
        traffic.Exchanges.Where(e => e.Status == HttpStatusCode.ServiceUnavailable).Should().OnlyContain(
            e => e.RetryAfter && e.Problem, "every 503 is a problem document with Retry-After");
        // Every acknowledged write must be there: before, during (if any got through) and after the outage.
        traffic.AcknowledgedAt.Values.Count(at => at < cutAt).Should().BeGreaterThanOrEqualTo(6, "writes from before the outage are checked");
        foreach (var user in traffic.Registered)
        {
            var login = await probe.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password });
            login.StatusCode.Should().Be(HttpStatusCode.OK, $"{user.Email} got a 201 for its registration");
        }

        foreach (var library in libraries)
        {
            using var client = api.CreateClient(library.AccessToken);
            var stored = await ListBooksAsync(client);
            stored.Select(b => b.Title).Should().Contain(traffic.BooksOf(library),
                "every book that got a 201 is still there");
            foreach (var (_, id) in stored)
            {
                (await client.GetAsync($"/api/books/{id}/cover")).StatusCode.Should().Be(HttpStatusCode.OK, "a stored book has its cover");
                (await client.GetAsync($"/api/books/{id}/cover/thumbnail")).StatusCode.Should().Be(HttpStatusCode.OK, "and its thumbnail");
            }
        }
    }

    private static async Task<List<(string Title, string Id)>> ListBooksAsync(HttpClient client)
    {
        var books = new List<(string, string)>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync($"/api/books?page={page}&pageSize=100");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
            books.AddRange(items.Select(b => (b.GetProperty("title").GetString()!, b.GetProperty("id").GetString()!)));
            if (items.Count < 100)
            {
                return books;
            }
        }
    }

    protected static Task WaitUntilAsync(string what, Func<bool> condition) => WaitUntilAsync(what, () => Task.FromResult(condition()));

    protected static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.Should().BeLessThan(Deadline, $"{what} within {Deadline.TotalSeconds}s");
            await Task.Delay(50);
        }
    }

    private sealed record Exchange(string Request, HttpStatusCode Status, bool RetryAfter, bool Problem);

    /// <summary>A few clients registering, adding books and listing them, each request recorded.</summary>
    private sealed class Traffic(CleanAuthApi api, IReadOnlyList<TestUser> libraries, Stopwatch clock)
    {
        private static readonly byte[] Cover = TestImages.Jpeg(64, 48);
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _books = new();
        private Task _running = Task.CompletedTask;

        public ConcurrentQueue<Exchange> Exchanges { get; } = new();

        public ConcurrentQueue<string> Failures { get; } = new();

        public ConcurrentQueue<TestUser> Registered { get; } = new();

        /// <summary>When each registration (by email) and book (by title) got its 2xx.</summary>
        public ConcurrentDictionary<string, TimeSpan> AcknowledgedAt { get; } = new();

        public int BookCount => _books.Values.Sum(b => b.Count);

        public int AcknowledgedWrites => Registered.Count + BookCount;

        public IEnumerable<string> BooksOf(TestUser library) => _books.TryGetValue(library.Id, out var titles) ? titles : [];

        public void Start() => _running = Task.WhenAll(libraries.Select(library => Task.Run(() => RunAsync(library))));

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _running;
        }

        private async Task RunAsync(TestUser library)
        {
            using var client = api.CreateClient(library.AccessToken);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var email = $"load-{Guid.NewGuid():N}@example.com";
                    if (await SendAsync("register", () => client.PostAsJsonAsync("/api/auth/register", new { name = "Load", email, password = "correct horse battery staple" })))
                    {
                        AcknowledgedAt[email] = clock.Elapsed;
                        Registered.Enqueue(new TestUser("", email, "correct horse battery staple", ""));
                    }

                    var title = $"Book {Guid.NewGuid():N}";
                    if (await SendAsync("add book", () => client.PostAsync("/api/books", BookClient.Form(title, "About things", "science", cover: Cover))))
                    {
                        AcknowledgedAt[title] = clock.Elapsed;
                        _books.GetOrAdd(library.Id, _ => []).Add(title);
                    }

                    await SendAsync("list books", () => client.GetAsync("/api/books?pageSize=5"));
                    await Task.Delay(20);
                }
                catch (Exception ex)
                {
                    Failures.Enqueue(ex.ToString());
                }
            }
        }

        private async Task<bool> SendAsync(string request, Func<Task<HttpResponseMessage>> send)
        {
            using var response = await send();
            Exchanges.Enqueue(new Exchange(request, response.StatusCode, response.Headers.RetryAfter?.Delta > TimeSpan.Zero,
                response.Content.Headers.ContentType?.MediaType == "application/problem+json"));
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable))
            {
                Failures.Enqueue($"{request}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return response.IsSuccessStatusCode;
        }
    }
}

/// <summary>
/// The disk under the embedded store's folder fails (every read, write and fsync gets EIO from the kernel), then
/// comes back. SQLite with synchronous=FULL acknowledges a write only once it is on disk, so every acknowledged
/// write is kept: no window is allowed.
/// </summary>
public sealed class EmbeddedStoreOutageUnderLoadTests(ITestOutputHelper output) : StorageOutageUnderLoadTests(output)
{
    [FaultyDiskFact]
    public async Task Readiness_goes_red_when_the_file_fails_even_if_no_request_touched_it_and_green_when_it_is_back()
    {
        using var disk = new FaultyDisk();
        await using var api = OverDisk(disk);
        using var client = api.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Probes only, no other request: the probe's own write must reach the disk (a read may come from the cache).
        // A successful write answers for a second (ADR 0042), so the first probe after that second sees the failure.
        disk.Unplug();
        await WaitUntilAsync("readiness goes red", async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable);
        disk.PlugBack();
        await WaitUntilAsync("the store opens its file again by itself", async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    [FaultyDiskFact]
    public Task During_a_store_outage_under_load_requests_get_503_readiness_is_red_and_afterwards_the_same_host_recovers_with_every_acknowledged_write_kept() =>
        OutageUnderLoadCoreAsync();

    protected override Task<Outage> StartAsync()
    {
        var disk = new FaultyDisk();
        return Task.FromResult(new Outage(OverDisk(disk), disk.Unplug, disk.PlugBack, () =>
        {
            disk.Dispose();
            return ValueTask.CompletedTask;
        }));
    }

    private static CleanAuthApi OverDisk(FaultyDisk disk) => CleanAuthApi.Embedded(new() { ["Storage:DataPath"] = disk.Path });
}

/// <summary>The network between the API and the Mongo-wire server is cut, then restored; the server keeps its data.</summary>
public sealed class MongoWireOutageUnderLoadTests(ITestOutputHelper output) : StorageOutageUnderLoadTests(output)
{
    [Fact]
    public Task During_a_store_outage_under_load_requests_get_503_readiness_is_red_and_afterwards_the_same_host_recovers_with_every_acknowledged_write_kept() =>
        OutageUnderLoadCoreAsync();

    protected override async Task<Outage> StartAsync()
    {
        var server = await MongoWireServer.StartAsync();
        var proxy = new SeveringProxy(server.Port);
        // One second of server selection keeps a request during the outage short: the 503 comes quickly.
        var api = CleanAuthApi.Mongo(proxy.ConnectionString("outage"), new() { ["Storage:MongoServerSelectionTimeout"] = "00:00:01" });
        return new Outage(api, proxy.Sever, proxy.Restore, async () =>
        {
            await proxy.DisposeAsync();
            await server.DisposeAsync();
        });
    }
}
