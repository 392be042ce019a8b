
namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The README keeps one list of use cases, its route table, and says each is a folder of src/Application: so a
/// use case added, renamed or removed without the table (or the reverse) fails here instead of drifting.
/// </summary>
public sealed class ReadmeLayoutTests
{
    // Use cases with no route of their own, and routes with no use case (the health probes are health checks).
    private static readonly string[] NotRoutes = ["BootstrapAdmin"];
    private static readonly string[] NotUseCases = ["Live", "Ready"];

    [Fact]
    public void Every_use_case_in_the_route_table_is_a_folder_of_src_Application_and_every_such_folder_is_in_the_table()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));
        var table = readme.SkipWhile(line => !line.StartsWith("| Use case |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .SelectMany(line => line.Split('|')[1].Replace("(admin)", "", StringComparison.Ordinal).Split('/'))
            .Select(name => name.Trim())
            .Except(NotUseCases)
            .ToHashSet(StringComparer.Ordinal);
        var application = Path.Combine(RepositoryRoot.Path, "src", "Application");
        var folders = Directory.GetDirectories(application)
            .Where(area => Path.GetFileName(area) is not ("Common" or "bin" or "obj"))
            .SelectMany(Directory.GetDirectories)
            .Select(Path.GetFileName)
            .Where(name => name is not ("Common" or "Ports"))
            .Except(NotRoutes)
            .ToHashSet(StringComparer.Ordinal);

        table.Should().HaveCountGreaterThan(20, "the route table was read");
        table.Should().BeEquivalentTo(folders, "the README's route table and src/Application's use-case folders name the same use cases");
    }
}
