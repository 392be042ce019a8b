namespace CleanAuth.Tests.Integration.Support;

/// <summary>A fresh folder under /tmp, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A program that has not quite exited may still hold a file; /tmp is cleaned by the system anyway.
        }
    }
}
