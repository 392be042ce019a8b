using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// The built API as a separate process (<c>dotnet CleanAuth.WebApi.dll</c>) on a random loopback port, as it
/// runs in production: real Kestrel, real console logging. Its CLEF lines are kept for assertions.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ApiProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<JsonElement> LogEvents
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
            }
        }
    }

    /// <summary>
    /// Whether a matching event is written within <paramref name="within"/>: the console is written by a background
    /// worker, so the line reporting a change can arrive after the change itself is visible in the store.
    /// </summary>
    public async Task<bool> LoggedAsync(Func<JsonElement, bool> match, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!LogEvents.Any(match))
        {
            if (clock.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public static string WebApiDll
    {
        get
        {
            // Built by the same solution build as this test assembly, in the same configuration.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var dll = Path.Combine(RepositoryRoot.Path, "src", "WebApi", "bin", configuration, "net10.0", "CleanAuth.WebApi.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
        }
    }

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static string NewEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [WebApiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(WebApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Passwords__Iterations"] = "1000";
        // Required outside Development like the signing key; a test about it sets or clears it itself.
        start.Environment["TwoFactor__EncryptionKey"] = NewEncryptionKey();
        // Outside Development the mail transport must be chosen (ADR 0048): the pickup folder, unless a test chooses.
        start.Environment["Email__Delivery"] = "Pickup";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (start.Environment.TryGetValue("Email__Smtp__Host", out var host) && !string.IsNullOrEmpty(host)
            && !settings.Keys.Any(k => k.Replace(":", "__", StringComparison.Ordinal) == "Email__Delivery"))
        {
            start.Environment.Remove("Email__Delivery");
        }

        return await LaunchAsync(start);
    }

    /// <summary>
    /// Runs a shell script (a README's commands) from the repository root that ends by starting the API in the
    /// foreground; <paramref name="environment"/> is added to this process's environment.
    /// </summary>
    public static Task<ApiProcess> StartScriptAsync(
        string script, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null, TimeSpan? startTimeout = null)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return LaunchAsync(start, startTimeout);
    }

    private static async Task<ApiProcess> LaunchAsync(ProcessStartInfo start, TimeSpan? startTimeout = null)
    {
        var api = new ApiProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started."));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        api._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The API exited before listening:\n" + string.Join('\n', api._lines)));
                return;
            }

            lock (api._lines)
            {
                api._lines.Add(e.Data);
            }

            if (e.Data.Contains("\"ListeningOnAddress\"", StringComparison.Ordinal))
            {
                // Never throw on the reader thread: an exception there would take the test host down.
                try
                {
                    listening.TrySetResult(new Uri(JsonDocument.Parse(e.Data).RootElement.GetProperty("address").GetString()!));
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or UriFormatException or InvalidOperationException)
                {
                    listening.TrySetException(ex);
                }
            }
        };
        api._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (api._lines)
                {
                    api._lines.Add("stderr: " + e.Data);
                }
            }
        };
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();

        try
        {
            api.BaseAddress = await listening.Task.WaitAsync(startTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Asks the process to stop the way an orchestrator does (SIGTERM) and waits for it to exit.</summary>
    public async Task<bool> TerminateAsync(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Registers a new user through <paramref name="client"/> (a client of a process) and signs in; returns the access token.</summary>
    public static async Task<string> SignUpAsync(HttpClient client, string name)
    {
        var email = $"process-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple";
        (await client.PostAsJsonAsync("/api/auth/register", new { name, email, password })).StatusCode.Should().Be(HttpStatusCode.Created);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
