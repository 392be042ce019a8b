using System.Net;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Api;

public sealed class DocsApiFixture : IAsyncLifetime
{
    public CleanAuthApi Api { get; } = CleanAuthApi.Embedded(new() { ["Api:EnableDocs"] = "true" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class OpenApiTests(DocsApiFixture fixture) : IClassFixture<DocsApiFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_document_is_OpenAPI_3_with_the_bearer_scheme_and_every_route()
    {
        var document = await FetchAsync();

        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        bearer.GetProperty("type").GetString().Should().Be("http");
        bearer.GetProperty("scheme").GetString().Should().Be("bearer");

        var documented = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path.TrimEnd('/')}").ToHashSet();
        var mapped = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/health", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToList();
        mapped.Should().HaveCountGreaterThanOrEqualTo(7);
        documented.Should().Contain(mapped);
    }

    [Fact]
    public async Task Every_route_has_schemas_examples_and_its_problem_responses_and_protected_routes_require_the_bearer_scheme()
    {
        var document = await FetchAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            responses.Keys.Should().Contain(k => k.StartsWith('2'), name);
            foreach (var (status, response) in responses.Where(r => r.Key is not ("204" or "304")))
            {
                var content = response.GetProperty("content").EnumerateObject().ToList();
                content.Should().NotBeEmpty("{0} {1} has a body", name, status);
                content.Should().OnlyContain(c => Has(c.Value, "schema"), "{0} {1} has a schema", name, status);
                content.Where(c => !c.Name.StartsWith("image/", StringComparison.Ordinal)).All(c => Has(c.Value, "example"))
                    .Should().BeTrue("{0} {1} has an example (images are bytes, without one)", name, status);
                if (!status.StartsWith('2') && !path.StartsWith("/health", StringComparison.Ordinal))
                {
                    content.Select(c => c.Name).Should().Contain("application/problem+json", "{0} {1} is a ProblemDetails", name, status);
                }
            }

            if (operation.TryGetProperty("requestBody", out var body))
            {
                body.GetProperty("content").EnumerateObject().Should().OnlyContain(c => Has(c.Value, "schema") && Has(c.Value, "example"), name);
                responses.Keys.Should().Contain(["400", "413", "415"], name);
            }

            if (path.StartsWith("/api", StringComparison.Ordinal))
            {
                responses.Keys.Should().Contain(["500", "503"], name);
            }

            var secured = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(s => s.TryGetProperty("Bearer", out _));
            secured.Should().Be(NeedsToken(path), "{0}: the signed-in routes, and only they, need a token", name);
            if (secured)
            {
                responses.Keys.Should().Contain("401", name);
            }
        }
    }

    private async Task<JsonElement> FetchAsync()
    {
        using var client = fixture.Api.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static bool Has(JsonElement element, string property) => element.TryGetProperty(property, out _);

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (p.Name, o.Name, o.Value)));

    private static bool NeedsToken(string path) =>
        path == "/api/auth/logout-all"
        || new[] { "/api/users", "/api/books", "/api/authors", "/api/admin" }.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
}
