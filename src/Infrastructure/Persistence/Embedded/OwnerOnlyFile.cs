namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The store's file holds password hashes and sealed keys, so it is readable by the service's user only (0600),
/// like the key files. SQLite gives its <c>-wal</c> and <c>-shm</c> files the mode of the database file, so
/// creating that file empty and owner-only before SQLite opens it (an empty file is an empty database) covers all three.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> empty and owner-only, or takes group and other access away from what is there.</summary>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            return;
        }
        catch (IOException) when (File.Exists(path))
        {
            // There already (created by an earlier version with 0644, or by another process just now): tightened below.
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            Restrict(file);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Restrict(string file)
    {
        try
        {
            var mode = File.GetUnixFileMode(file);
            if ((mode & GroupOrOther) != 0)
            {
                File.SetUnixFileMode(file, mode & ~GroupOrOther);
            }
        }
        catch (FileNotFoundException)
        {
            // No -wal or -shm beside it: SQLite creates them from the database file's mode.
        }
        catch (UnauthorizedAccessException)
        {
            // Not the service's own file: whoever owns it chose its mode.
        }
    }
}
