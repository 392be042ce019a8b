using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The MongoDB and production runs of docs/operations.md (linked from the README), executed as written (a newcomer copies them): `dotnet run` must not
/// let the launch profile turn them into Development runs (a generated key, the docs served). Only what a test
/// machine needs is changed: the port, the MongoDB address (the Mongo-wire server), and `-c Release --no-build`
/// (the solution is already built; a second build would race the test run's).
/// </summary>
public sealed partial class ReadmeRunTests
{
    [Theory]
    [InlineData("Running against MongoDB")]
    [InlineData("Running in production")]
    public async Task The_documented_run_starts_in_Production_with_the_docs_off(string section)
    {
        var script = OperationsBlock(section);
        script.Should().Contain("dotnet run --project src/WebApi --no-launch-profile", "the launch profile would override ASPNETCORE_ENVIRONMENT");
        await using var store = await MongoWireServer.StartAsync();
        using var data = new TempFolder("cleanauth-readme-");
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        script = script
            .Replace("http://localhost:5080", $"http://127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("mongodb://localhost:27017/cleanauth", store.ConnectionString("cleanauth_readme"), StringComparison.Ordinal);
        script.Should().Contain("dotnet run ");
        script = script.Replace("dotnet run ", "dotnet run -c Release --no-build ", StringComparison.Ordinal);

        await using var api = await ApiProcess.StartScriptAsync(script, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage__DataPath"] = data.Path, // the embedded store's file (production run) goes to a temp folder, not src/WebApi/data
        });
        using var client = api.CreateClient();

        api.BaseAddress.Port.Should().Be(int.Parse(port, CultureInfo.InvariantCulture));
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/scalar")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the docs are off outside Development");
        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "wrong password!" });
        login.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var events = api.LogEvents;
        events.Should().Contain(e => e.Str("Environment") == "Production");
        events.Should().NotContain(e => e.Str("Environment") == "Development");
        events.Should().NotContain(e => e.Str("EventName") == "DevelopmentSigningKey", "the README's key is used, none is generated");
    }

    /// <summary>
    /// The published app, run as docs/operations.md says, from a folder of its own: a relative <c>--contentRoot</c> is taken
    /// from the working directory (it once resolved against the app's folder: <c>out/out</c>). The publish uses the
    /// build the tests run on (<c>--no-build</c>, one publish a run), and the port is this machine's.
    /// </summary>
    [Fact]
    public async Task The_documented_publish_runs_as_written_with_a_relative_content_root()
    {
        var exports = string.Join('\n', OperationsBlock("Running in production").Split('\n').Where(l => l.StartsWith("export ", StringComparison.Ordinal)));
        var publish = OperationsBlock("Running in production", containing: "dotnet publish");
        publish.Should().Contain("dotnet publish src/WebApi -c Release -o out\n").And.Contain("dotnet out/CleanAuth.WebApi.dll --contentRoot out\n");
        using var work = new TempFolder("cleanauth-publish-");
        var script = exports + "\n" + publish.Replace(
            "dotnet publish src/WebApi -c Release", $"dotnet publish {RepositoryRoot.Path}/src/WebApi -c Release --no-build -nologo -v quiet", StringComparison.Ordinal);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);

        await using var api = await ApiProcess.StartScriptAsync(script, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", // the published default, http://localhost:5000, may be taken here
        }, work.Path, TimeSpan.FromMinutes(3));
        using var client = api.CreateClient();

        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.LoggedAsync(e => e.Str("ContentRoot") == Path.Combine(work.Path, "out"), TimeSpan.FromSeconds(10))).Should().BeTrue("the content root is ./out, not out/out");
        api.LogEvents.Should().Contain(e => e.Str("Environment") == "Production");
        File.Exists(Path.Combine(work.Path, "out", "data", "production", SqliteStore.FileName)).Should().BeTrue("Production keeps its data in data/production");
    }

    /// <summary>The first bash block under the heading of docs/operations.md named <paramref name="section"/> (that contains <paramref name="containing"/>).</summary>
    private static string OperationsBlock(string section, string containing = "")
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        var heading = readme.IndexOf("## " + section + "\n", StringComparison.Ordinal);
        heading.Should().BeGreaterThanOrEqualTo(0, "docs/operations.md has a section \"{0}\"", section);
        var end = readme.IndexOf("\n## ", heading + 3, StringComparison.Ordinal);
        var block = BashBlock().Matches(readme[heading..(end < 0 ? readme.Length : end)]).FirstOrDefault(m => m.Groups[1].Value.Contains(containing, StringComparison.Ordinal));
        block.Should().NotBeNull("the section \"{0}\" has a bash block with \"{1}\"", section, containing);
        return block!.Groups[1].Value;
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
