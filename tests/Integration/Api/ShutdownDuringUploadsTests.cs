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
/// SIGTERM while cover uploads are running, in the real process over the embedded store. Afterwards the store is
/// opened directly: no book without its files, no file without its book, and every upload that got a 201 is there.
/// </summary>
public sealed class ShutdownDuringUploadsTests(ITestOutputHelper output)
{
    private const int FastUploads = 4;
    private const int SlowUploads = 2;

    [Fact]
    public async Task On_SIGTERM_during_cover_uploads_no_book_is_half_written_no_cover_is_orphaned_and_every_201_is_kept()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var acknowledged = await UploadUntilTerminatedAsync(dataPath);

            var books = EmbeddedData.Rows(dataPath, "SELECT Id, Title, CoverFileId, ThumbnailFileId FROM books")
                .Select(b => (Id: (string)b["Id"]!, Title: (string)b["Title"]!, Cover: (string)b["CoverFileId"]!, Thumbnail: (string)b["ThumbnailFileId"]!)).ToList();
            var files = EmbeddedData.Strings(dataPath, "SELECT Id FROM covers").ToHashSet();
            output.WriteLine($"{acknowledged.Count} uploads acknowledged, {books.Count} books and {files.Count} cover files stored");
            foreach (var book in books)
            {
                files.Should().Contain(book.Cover, $"book {book.Title} has its cover");
                files.Should().Contain(book.Thumbnail, $"book {book.Title} has its thumbnail");
            }

            var referenced = books.SelectMany(b => new[] { b.Cover, b.Thumbnail }).ToHashSet();
            files.Should().BeSubsetOf(referenced, "no cover file is left without a book");
            books.Select(b => b.Id).Should().Contain(acknowledged, "every upload answered 201 is stored");
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    // Starts the API, starts uploads (some sending their body slowly, so they are still reading it when the stop
    // comes), sends SIGTERM while they run, and returns the ids of the books that were answered with 201.
    private async Task<List<string>> UploadUntilTerminatedAsync(string dataPath)
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = dataPath,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            // The fast uploads finish well within it; the slow ones (twenty seconds of body) outlive it and are cut off.
            ["Api:ShutdownTimeout"] = "00:00:08",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiProcess.SignUpAsync(client, "Uploader"));
        var cover = TestImages.Jpeg(2400, 1600);
        var acknowledged = new ConcurrentBag<string>();
        var outcomes = new ConcurrentBag<string>();

        async Task UploadAsync(int i, bool slow)
        {
            try
            {
                using var form = BookClient.Form($"Upload {i}", "Sent during shutdown", "science", cover: cover);
                using var content = slow ? new SlowContent(form) : (HttpContent)form;
                using var response = await client.PostAsync("/api/books", content);
                outcomes.Add($"{(slow ? "slow" : "fast")} {i}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
                }
            }
            catch (HttpRequestException ex)
            {
                // Cut off by the stop: allowed, as long as nothing half-written is left behind.
                outcomes.Add($"{(slow ? "slow" : "fast")} {i}: {ex.GetType().Name}");
            }
        }

        var uploads = Enumerable.Range(0, FastUploads).Select(i => UploadAsync(i, slow: false))
            .Concat(Enumerable.Range(FastUploads, SlowUploads).Select(i => UploadAsync(i, slow: true))).ToList();
        await WaitUntilAsync(() => api.LogEvents.Count(e => e.Str("SourceContext") == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && e.Int("@i") == 1 && e.Str("Path") == "/api/books") == FastUploads + SlowUploads);
        var exited = await api.TerminateAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(uploads);
        output.WriteLine(string.Join("; ", outcomes.Order()));

        exited.Should().BeTrue("the process stops after its shutdown timeout at the latest");
        outcomes.Should().HaveCount(FastUploads + SlowUploads);
        acknowledged.Should().NotBeEmpty("uploads already running when the stop came are finished, not dropped");
        outcomes.Should().Contain(o => o.StartsWith("slow", StringComparison.Ordinal) && !o.EndsWith("201", StringComparison.Ordinal),
            "an upload still sending its body when the shutdown timeout ran out is cut off");
        return [.. acknowledged];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the uploads should have started");
            await Task.Delay(10);
        }
    }

    /// <summary>A request body sent in small pieces over about twenty seconds: an upload from a slow client.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly HttpContent _inner;

        public SlowContent(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var body = await _inner.ReadAsByteArrayAsync();
            var piece = Math.Max(1, body.Length / 100);
            for (var offset = 0; offset < body.Length; offset += piece)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(piece, body.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(200);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
