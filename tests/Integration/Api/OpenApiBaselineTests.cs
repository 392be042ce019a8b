using System.Text.Json.Nodes;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The served OpenAPI document is the public contract, and generated clients are built from it: it must not move when
/// the code behind it does (issue 21, ADR 0052). openapi-baseline.json is the document as served before the HTTP layer
/// got its own types. Every path, operation, operationId, parameter, schema and its id, required field, nullability,
/// status code, content type, header and example stays exactly; the only differences allowed are the descriptions
/// listed here, each shorter than before. Routes and schemas added later (new ids) are new contract, judged by
/// <see cref="OpenApiTests"/>, not here; anything the baseline holds must still be there, unchanged.
/// </summary>
public sealed class OpenApiBaselineTests(DocsApiFixture fixture) : IClassFixture<DocsApiFixture>
{
    /// <summary>JSON pointers of the descriptions allowed to differ from the baseline: each was shortened to ≤ 300 characters.</summary>
    private static readonly HashSet<string> ShortenedDescriptions = new(StringComparer.Ordinal)
    {
        "/paths/~1api~1auth~1login/post/description",
        "/paths/~1api~1auth~1email~1confirm/post/description",
        "/paths/~1api~1auth~1password~1reset/post/description",
        "/paths/~1api~1books/post/description",
        "/paths/~1api~1users~1me~1two-factor~1setup/post/description",
        "/paths/~1api~1users~1me/delete/description",
    };

    /// <summary>
    /// Deliberate changes to the contract the baseline holds, each by an issue that asked for it: the book list's
    /// sort and keyset cursor (`next`, a nullable `page`), books' `etag` and nullable cover fields (issue 25, ADR 0057).
    /// A difference under one of these pointers is allowed; anywhere else it fails.
    /// </summary>
    private static readonly string[] ChangedByLaterIssues =
    [
        "/paths/~1api~1books/get/",
        "/paths/~1api~1books/post/responses/201/content/application~1json/example/etag",
        "/paths/~1api~1books~1{id}/",
        "/paths/~1api~1books~1{id}~1cover/get/description",
        "/paths/~1api~1books~1{id}~1cover~1thumbnail/get/description",
        "/components/schemas/BookResponse/",
        "/components/schemas/PagedResponseOfBookResponse/",
    ];

    private static string BaselinePath => Path.Combine(RepositoryRoot.Path, "tests", "Integration", "Api", "openapi-baseline.json");

    [Fact]
    public async Task The_served_document_is_the_baseline_but_for_the_listed_shorter_descriptions()
    {
        using var client = fixture.Api.CreateClient();
        var baseline = JsonNode.Parse(await File.ReadAllTextAsync(BaselinePath))!;
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var differences = new List<string>();
        var shortened = new HashSet<string>(StringComparer.Ordinal);
        Compare(baseline, served, "", differences, shortened);

        differences.Where(d => !ChangedByLaterIssues.Any(prefix => d.StartsWith(prefix, StringComparison.Ordinal)))
            .Should().BeEmpty("the document may change only in the listed descriptions");
        shortened.Where(d => !ChangedByLaterIssues.Any(prefix => d.StartsWith(prefix, StringComparison.Ordinal)))
            .Should().BeEquivalentTo(ShortenedDescriptions, "every listed description differs from the baseline (else drop it from the list)");
    }

    private static void Compare(JsonNode? before, JsonNode? after, string pointer, List<string> differences, HashSet<string> shortened)
    {
        switch (before)
        {
            case JsonObject was when after is JsonObject now:
                foreach (var (key, value) in was)
                {
                    var at = $"{pointer}/{Escape(key)}";
                    if (!now.ContainsKey(key))
                    {
                        differences.Add($"{at}: removed");
                    }
                    else if (key == "description" && value is JsonValue && now[key] is JsonValue)
                    {
                        CompareDescription(value.GetValue<string>(), now[key]!.GetValue<string>(), at, differences, shortened);
                    }
                    else
                    {
                        Compare(value, now[key], at, differences, shortened);
                    }
                }

                foreach (var added in now.Select(p => p.Key).Where(k => !was.ContainsKey(k)))
                {
                    if (!IsNewContract(pointer))
                    {
                        differences.Add($"{pointer}/{Escape(added)}: added");
                    }
                }

                break;
            case JsonArray was when after is JsonArray now && pointer == "/tags":
                // Tags are matched by name: a new route may bring a new tag.
                foreach (var tag in was)
                {
                    var name = tag!["name"]!.GetValue<string>();
                    Compare(tag, now.FirstOrDefault(t => t?["name"]?.GetValue<string>() == name), $"/tags/{name}", differences, shortened);
                }

                break;
            case JsonArray was when after is JsonArray now && was.Count == now.Count:
                for (var i = 0; i < was.Count; i++)
                {
                    Compare(was[i], now[i], $"{pointer}/{i}", differences, shortened);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    differences.Add($"{pointer}: was {Show(before)}, now {Show(after)}");
                }

                break;
        }
    }

    private static void CompareDescription(string before, string after, string pointer, List<string> differences, HashSet<string> shortened)
    {
        if (before == after)
        {
            return;
        }

        if (!ShortenedDescriptions.Contains(pointer) || after.Length >= before.Length || after.Length == 0)
        {
            differences.Add($"{pointer}: description changed but is not listed as shortened (was {before.Length} characters, now {after.Length}: \"{after}\")");
        }

        shortened.Add(pointer);
    }

    // New paths and new component schemas are new contract (a later route); new operations on an old path too.
    private static bool IsNewContract(string pointer) =>
        pointer is "/paths" or "/components/schemas" || (pointer.StartsWith("/paths/", StringComparison.Ordinal) && pointer.Count(c => c == '/') == 2);

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Show(JsonNode? node) => node is null ? "missing" : node.ToJsonString() is { Length: > 200 } text ? text[..200] + "…" : node.ToJsonString();
}
