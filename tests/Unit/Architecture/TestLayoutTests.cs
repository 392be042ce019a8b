namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>
/// Unit tests mirror the source: the tests of src/Application/Books/... live in tests/Unit/Application/Books/...,
/// so a reader finds a type's tests by its path. A test folder with no source folder of the same path fails here.
/// </summary>
public sealed class TestLayoutTests
{
    private static readonly string[] Layers = ["Domain", "Application", "Infrastructure", "WebApi"];

    [Fact]
    public void Every_unit_test_folder_of_a_layer_has_a_source_folder_of_the_same_path()
    {
        var root = RepositoryRoot.Path;
        var tests = Path.Combine(root, "tests", "Unit");
        var folders = Layers
            .SelectMany(layer => Directory.GetDirectories(Path.Combine(tests, layer), "*", SearchOption.AllDirectories)
                .Append(Path.Combine(tests, layer)))
            .Select(folder => Path.GetRelativePath(tests, folder))
            .Where(relative => !relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            // Only folders that hold tests: an empty folder left behind by a move is not a layout.
            .Where(relative => Directory.EnumerateFiles(Path.Combine(tests, relative), "*.cs", SearchOption.AllDirectories).Any())
            .ToList();

        folders.Should().HaveCountGreaterThan(10);
        folders.Where(relative => !Directory.Exists(Path.Combine(root, "src", relative)))
            .Should().BeEmpty("each test folder mirrors a source folder (move the tests beside their source's path)");
    }
}
