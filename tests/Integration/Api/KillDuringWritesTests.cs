using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The API process (embedded store) is killed with SIGKILL in the middle of registrations and cover uploads,
/// five times over one data folder. Every write answered 2xx before a kill is there afterwards, every stored book
/// has its cover files, and the file passes SQLite's integrity check.
/// </summary>
public sealed class KillDuringWritesTests(ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int Writers = 4;
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Every_write_acknowledged_before_a_SIGKILL_survives_it_round_after_round()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = dataPath,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["Passwords:Iterations"] = "1000",
            ["RateLimits:Enabled"] = "false",
        };
        var emails = new ConcurrentBag<string>();
        var books = new ConcurrentBag<string>();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var api = await ApiProcess.StartAsync(settings);
                var before = emails.Count + books.Count;
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, Writers).Select(_ => WriteUntilKilledAsync(api, emails, books, stop.Token)).ToList();

                // Killed at a different moment each round, while requests are in flight.
                var clock = Stopwatch.StartNew();
                while (emails.Count + books.Count < before + 8 + (round * 3) && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(10);
                }

                await api.DisposeAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }

            var storedEmails = EmbeddedData.Strings(dataPath, "SELECT Email FROM users").ToHashSet();
            var storedBooks = EmbeddedData.Rows(dataPath, "SELECT Id, CoverFileId, ThumbnailFileId FROM books");
            var files = EmbeddedData.Strings(dataPath, "SELECT Id FROM covers").ToHashSet();
            var referenced = storedBooks.SelectMany(b => new[] { (string)b["CoverFileId"]!, (string)b["ThumbnailFileId"]! }).ToHashSet();
            output.WriteLine($"{Rounds} kills: {emails.Count} registrations and {books.Count} books acknowledged; " +
                $"{storedEmails.Count} users, {storedBooks.Count} books and {files.Count} cover files stored ({files.Except(referenced).Count()} orphaned by a kill between a cover and its book)");

            emails.Should().HaveCountGreaterThan(Rounds * 2).And.BeSubsetOf(storedEmails, "every registration answered 201 survives the kills");
            books.Should().HaveCountGreaterThan(Rounds).And.BeSubsetOf(storedBooks.Select(b => (string)b["Id"]!), "every book answered 201 survives the kills");
            referenced.Should().BeSubsetOf(files, "no stored book is missing its cover or thumbnail");
            EmbeddedData.Strings(dataPath, "PRAGMA integrity_check").Should().Equal("ok");
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    // Registers and uploads until the process dies under it; only 2xx answers are recorded.
    private static async Task WriteUntilKilledAsync(ApiProcess api, ConcurrentBag<string> emails, ConcurrentBag<string> books, CancellationToken stop)
    {
        var cover = TestImages.Jpeg(800, 600);
        using var client = api.CreateClient();
        try
        {
            var email = await RegisterAsync(client, emails);
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, stop);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("accessToken").GetString());
            while (!stop.IsCancellationRequested)
            {
                await RegisterAsync(client, emails);
                using var response = await client.PostAsync("/api/books", BookClient.Form($"Book {Guid.NewGuid():N}", "d", "science", cover: cover), stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    books.Add((await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetString()!);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            // The process was killed under this request: its outcome is unknown to the client, so nothing is claimed.
        }
    }

    private static async Task<string> RegisterAsync(HttpClient client, ConcurrentBag<string> emails)
    {
        var email = $"kill-{Guid.NewGuid():N}@example.com";
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "Survivor", email, password = Password });
        if (response.StatusCode == HttpStatusCode.Created)
        {
            emails.Add(email);
        }

        return email;
    }
}
