using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// smtp4dev (the <c>rnwood.smtp4dev</c> .NET tool pinned in .config/dotnet-tools.json, restored by
/// <c>dotnet tool restore</c>) on loopback ports with an in-memory database: a real SMTP server whose received
/// mail a test reads through its HTTP API. It can be stopped and started again on the same ports (an outage);
/// its messages do not survive that.
/// </summary>
public sealed class Smtp4DevServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly TempFolder _folder = new("cleanauth-smtp4dev-");
    private readonly int _httpPort = FreePort.Next();
    private readonly int _imapPort = FreePort.Next();
    private readonly int _pop3Port = FreePort.Next();
    private readonly HttpClient _http;
    private ToolProcess? _process;

    public Smtp4DevServer() => _http = new HttpClient
    {
        BaseAddress = new Uri($"http://127.0.0.1:{_httpPort.ToString(CultureInfo.InvariantCulture)}"),
        Timeout = TimeSpan.FromSeconds(10),
    };

    public int SmtpPort { get; } = FreePort.Next();

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The API's settings for delivering here: plain SMTP on loopback, and quick retries.</summary>
    public Dictionary<string, string?> ApiSettings() => new(StringComparer.Ordinal)
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:Timeout"] = "00:00:05",
        ["Email:From"] = "CleanAuth Tests <auth@cleanauth.test>",
        ["Email:PollInterval"] = "00:00:00.200",
        ["Email:RetryBaseDelay"] = "00:00:00.200",
        ["Email:RetryMaxDelay"] = "00:00:01",
        ["Email:ClaimLease"] = "00:00:30",
    };

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
        _process = ToolProcess.Start("dotnet",
        [
            "tool", "run", "smtp4dev", "--",
            $"--urls=http://127.0.0.1:{Port(_httpPort)}", "--bindaddress=127.0.0.1", $"--smtpport={Port(SmtpPort)}",
            $"--imapport={Port(_imapPort)}", $"--pop3port={Port(_pop3Port)}", "--tlsmode=None", "--hostname=localhost",
            "--db=", "--nousersettings", $"--baseappdatapath={_folder.Path}", "--messagestokeep=10000",
        ], RepositoryRoot.Path);
        await _process.WaitUntilAsync("smtp4dev is ready (HTTP API and SMTP port)", async () =>
            (await _http.GetAsync("/api/messages")).IsSuccessStatusCode && await AcceptsSmtpAsync(), TimeSpan.FromSeconds(90));
    }

    /// <summary>Stops the server: its SMTP port refuses connections until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>The messages received so far for <paramref name="address"/> (by its envelope), each parsed from its raw source.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string address)
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=10000");
        var messages = new List<MimeMessage>();
        foreach (var summary in page.GetProperty("results").EnumerateArray()
            .Where(s => s.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetString(), address, StringComparison.OrdinalIgnoreCase))))
        {
            var raw = await _http.GetByteArrayAsync($"/api/messages/{summary.GetProperty("id").GetString()}/raw");
            using var stream = new MemoryStream(raw);
            messages.Add(await MimeMessage.LoadAsync(stream));
        }

        return messages;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages to <paramref name="address"/> arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = await MessagesToAsync(address);
            if (received.Count >= count)
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{received.Count} of {count} messages to {address} arrived in time. smtp4dev said:\n{_process?.Output}");
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> AcceptsSmtpAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _folder.Dispose();
    }
}
