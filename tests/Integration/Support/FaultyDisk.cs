using System.Diagnostics;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A folder on a FUSE file system whose disk can be pulled (faultfs/faultfs.py): while unplugged, every read,
/// write, fsync and open of a file there fails with EIO in the kernel, as on a disk that has gone away, so SQLite
/// meets the failure in its own system calls; plugged back, they work again. Needs /dev/fuse, root and Debian's
/// python3-fusepy, which the test command installs.
/// </summary>
public sealed class FaultyDisk : IDisposable
{
    private static readonly string Script = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "Integration", "Support", "faultfs", "faultfs.py");
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cleanauth-faultfs", Guid.NewGuid().ToString("N"));
    private readonly Process _fs;

    public FaultyDisk()
    {
        var backing = System.IO.Path.Combine(_root, "backing");
        Path = System.IO.Path.Combine(_root, "mounted");
        Directory.CreateDirectory(backing);
        Directory.CreateDirectory(Path);
        _fs = Process.Start(new ProcessStartInfo("/usr/bin/python3", [Script, backing, Path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var clock = Stopwatch.StartNew();
        while (!IsMounted())
        {
            if (_fs.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException($"faultfs did not mount: {_fs.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Why the tests that need it cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        !File.Exists("/dev/fuse") ? "/dev/fuse is missing"
        : !Directory.Exists("/usr/lib/python3/dist-packages") || !File.Exists("/usr/lib/python3/dist-packages/fusepy.py") ? "Debian's python3-fusepy is not installed (bash scripts/test.sh installs it as root)"
        : Environment.UserName != "root" ? "mounting a FUSE file system here needs root"
        : null;

    /// <summary>The folder on the faulty disk.</summary>
    public string Path { get; }

    private string Switch => Path + ".unplugged";

    public void Unplug() => File.WriteAllText(Switch, "");

    public void PlugBack() => File.Delete(Switch);

    public void Dispose()
    {
        PlugBack();
        // Lazily: a handle the test host still holds (a pooled connection) must not keep the folder mounted.
        using (var unmount = Process.Start("umount", ["-l", Path]))
        {
            unmount.WaitForExit(10_000);
        }

        if (!_fs.WaitForExit(10_000))
        {
            _fs.Kill();
        }

        _fs.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private bool IsMounted() => File.ReadAllLines("/proc/mounts").Any(line => line.Split(' ')[1] == Path);
}

/// <summary>A fact that is reported as skipped, with the reason, where a faulty disk cannot be mounted.</summary>
public sealed class FaultyDiskFactAttribute : FactAttribute
{
    public FaultyDiskFactAttribute() => Skip = FaultyDisk.Unavailable;
}
