using System.Diagnostics;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A program started by a test, with its output kept for failure messages; killed (with its children) on dispose.
/// </summary>
public sealed class ToolProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ToolProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static ToolProcess Start(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var tool = new ToolProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started."));
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (tool._output)
                {
                    tool._output.Add(e.Data);
                }
            }
        };
        tool._process.OutputDataReceived += keep;
        tool._process.ErrorDataReceived += keep;
        tool._process.BeginOutputReadLine();
        tool._process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Polls <paramref name="ready"/> until it is true; fails with the program's output if it exits or the time is up.</summary>
    public async Task WaitUntilAsync(string what, Func<Task<bool>> ready, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before {what}:\n{Output}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException timedOut) when (timedOut.InnerException is TimeoutException)
            {
                // Listening, but one answer took longer than the client's timeout: a slow start on a busy machine.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s. {_process.StartInfo.FileName} said:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

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
