using System.Text.RegularExpressions;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// docs/decisions/README.md is the index of the ADRs: an ADR added without a row, a row whose file is gone, or a
/// superseded ADR still listed as accepted fails here instead of drifting.
/// </summary>
public sealed partial class DecisionIndexTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "docs", "decisions");

    [Fact]
    public void Every_decision_record_has_one_row_in_the_index_and_every_row_names_an_existing_record()
    {
        var files = Directory.GetFiles(Folder, "*.md").Select(path => Path.GetFileName(path)).Where(name => Record().IsMatch(name)).Order(StringComparer.Ordinal).ToList();
        var rows = IndexRows().Select(row => row.File).ToList();

        Assert.NotEmpty(files);
        Assert.Equal(files, rows);
    }

    [Fact]
    public void The_index_says_superseded_exactly_where_the_record_itself_does()
    {
        foreach (var (file, status) in IndexRows())
        {
            var ownStatus = File.ReadLines(Path.Combine(Folder, file)).First(line => line.StartsWith("- Status:", StringComparison.Ordinal));
            var recordSuperseded = ownStatus["- Status:".Length..].TrimStart().StartsWith("superseded", StringComparison.OrdinalIgnoreCase);
            Assert.True(recordSuperseded == status.StartsWith("superseded", StringComparison.Ordinal),
                $"{file}: the index says '{status}', the record says '{ownStatus}'");
        }
    }

    private static IEnumerable<(string File, string Status)> IndexRows() =>
        File.ReadLines(Path.Combine(Folder, "README.md"))
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => (match.Groups["file"].Value, match.Groups["status"].Value.Trim()));

    [GeneratedRegex(@"^\d{4}-.+\.md$")]
    private static partial Regex Record();

    [GeneratedRegex(@"^\| \[\d{4}\]\((?<file>\d{4}-[^)]+\.md)\) \|[^|]+\|(?<status>[^|]+)\|$")]
    private static partial Regex Row();
}
