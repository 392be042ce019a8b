namespace CleanAuth.Tests;

/// <summary>The repository's root folder (the one holding CleanAuth.sln), found from the test assembly's folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CleanAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CleanAuth.sln not found above " + AppContext.BaseDirectory);
    }
}
