using System.Diagnostics;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Books;

/// <summary>
/// Over a real Kestrel (the in-memory test server waits for a whole request body before it answers): a text
/// field far over its limit is refused while the client is still sending it, not after the server read it all.
/// </summary>
public sealed class UploadFieldLimitTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_10_MB_description_is_refused_after_its_first_kilobytes_not_after_all_of_it()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Storage:DataPath"] = dataPath,
                ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
                ["RateLimits:Enabled"] = "false",
            });
            using var client = api.CreateClient();
            var token = await ApiProcess.SignUpAsync(client, "Fields");

            // Raw HTTP/1.1, because the server answers and closes while the client is still sending, and
            // HttpClient reports that as a failed send rather than the answer: 64 KB of a 10 MB field, then silence.
            const string Boundary = "field-limit";
            var head = System.Text.Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nStalled\r\n" +
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n");
            using var socket = new System.Net.Sockets.TcpClient();
            await socket.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
                $"POST /api/books HTTP/1.1\r\nHost: {api.BaseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n" +
                $"Content-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {head.Length + 10_000_000}\r\n\r\n"));
            await stream.WriteAsync(head);
            await stream.WriteAsync(Enumerable.Repeat((byte)'x', 64 * 1024).ToArray());
            var clock = Stopwatch.StartNew();

            var answer = await ReadAnswerAsync(stream);

            answer.Should().StartWith("HTTP/1.1 400 ").And.Contain("application/problem+json").And.Contain("\"description\"");
            clock.Elapsed.Should().BeLessThan(Stall, "the server answered without waiting for the other 9.9 MB");
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    // What arrives before the server closes: it resets the connection after answering, since the client's
    // bytes were left unread, and the reset may come while the end of the answer is being read.
    private static async Task<string> ReadAnswerAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Stall);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
        }

        return System.Text.Encoding.UTF8.GetString(received.ToArray());
    }
}
