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

    /// <summary>An operation's description is a few sentences (ADR 0052); the reasoning lives in the docs.</summary>
    private const int MaxDescription = 300;

    [Fact]
    public async Task The_document_is_OpenAPI_3_with_the_bearer_scheme_and_every_route()
    {
        var document = await FetchAsync();

        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        bearer.GetProperty("type").GetString().Should().Be("http");
        bearer.GetProperty("scheme").GetString().Should().Be("bearer");
        var basic = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Basic");
        basic.GetProperty("type").GetString().Should().Be("http");
        basic.GetProperty("scheme").GetString().Should().Be("basic");

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
            // 204, 202 (the email routes' "accepted, nothing to say") and 304 (a book's ETag still current) have no body.
            foreach (var (status, response) in responses.Where(r => r.Key is not ("204" or "202" or "304")))
            {
                var content = response.GetProperty("content").EnumerateObject().ToList();
                content.Should().NotBeEmpty("{0} {1} has a body", name, status);
                content.Should().OnlyContain(c => Has(c.Value, "schema"), "{0} {1} has a schema", name, status);
                var isFile = path == "/api/books/export" && status == "200";
                content.Where(c => !isFile && !c.Name.StartsWith("image/", StringComparison.Ordinal) && c.Name != "application/zip").All(c => Has(c.Value, "example"))
                    .Should().BeTrue("{0} {1} has an example (images, the export's zip and the library's export file are bytes, without one)", name, status);
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

    [Fact]
    public async Task Every_operation_and_tag_is_described_and_anonymous_routes_say_so()
    {
        var document = await FetchAsync();

        document.GetProperty("info").GetProperty("description").GetString().Should().Contain("/api/auth/login").And.Contain("Retry-After");
        document.GetProperty("info").GetProperty("license").GetProperty("name").GetString().Should().NotBeNullOrEmpty();
        document.GetProperty("servers").EnumerateArray().Should().OnlyContain(s => !s.GetProperty("url").GetString()!.EndsWith('/'));
        document.GetProperty("tags").EnumerateArray().Should().OnlyContain(t => t.GetProperty("description").GetString()!.Length > 10);
        foreach (var (path, method, operation) in Operations(document))
        {
            operation.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace($"{method} {path}");
            var description = operation.GetProperty("description").GetString();
            description.Should().NotBeNullOrWhiteSpace($"{method} {path}");
            description!.Length.Should().BeLessThanOrEqualTo(MaxDescription, "{0} {1}: the long explanations live in docs/security.md", method, path);
            if (!NeedsToken(path))
            {
                // Login alone also reads Basic credentials, offered beside none at all: security: [{}, {Basic: []}].
                var requirements = operation.GetProperty("security").EnumerateArray()
                    .Select(r => string.Join(',', r.EnumerateObject().Select(scheme => scheme.Name))).ToList();
                requirements.Should().Equal(path == "/api/auth/login" ? ["", "Basic"] : [], "{0} {1} is anonymous: security: []", method, path);
            }
        }
    }

    [Fact]
    public async Task Headers_the_server_sends_are_declared_and_every_rate_limited_route_has_its_429()
    {
        var document = await FetchAsync();
        var rateLimited = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is not null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).ToList();
        rateLimited.Should().Contain(["RegisterUser", "Login", "Refresh", "Logout", "AddBook", "UpdateBook"]);

        foreach (var (path, method, operation) in Operations(document))
        {
            var name = operation.GetProperty("operationId").GetString()!;
            var responses = operation.GetProperty("responses");
            if (path.StartsWith("/api", StringComparison.Ordinal))
            {
                responses.EnumerateObject().Should().Contain(r => r.Name.StartsWith('4'), name);
            }

            if (rateLimited.Contains(name))
            {
                Header(responses.GetProperty("429"), "Retry-After").GetProperty("schema").GetProperty("type").GetString().Should().Be("integer", name);
            }

            foreach (var response in responses.EnumerateObject())
            {
                switch (response.Name)
                {
                    case "201":
                        Header(response.Value, "Location");
                        break;
                    case "503":
                        Header(response.Value, "Retry-After");
                        break;
                }
            }
        }

        foreach (var cover in new[] { "/api/books/{id}/cover", "/api/books/{id}/cover/thumbnail" })
        {
            var get = document.GetProperty("paths").GetProperty(cover).GetProperty("get");
            var ok = get.GetProperty("responses").GetProperty("200");
            Header(ok, "ETag");
            Header(ok, "Cache-Control");
            get.GetProperty("responses").TryGetProperty("304", out _).Should().BeFalse("a declared 3XX stops Kiota from returning the body; 304 is described in text");
            ok.GetProperty("description").GetString().Should().Contain("304 Not Modified");
            ok.GetProperty("content").EnumerateObject().Should().OnlyContain(c => c.Value.GetProperty("schema").GetProperty("format").GetString() == "binary", cover);
            get.GetProperty("parameters").EnumerateArray().Should().Contain(p => p.GetProperty("name").GetString() == "If-None-Match");
        }
    }

    [Fact]
    public async Task Schemas_say_what_the_server_accepts_and_sends()
    {
        var document = await FetchAsync();
        var text = document.GetRawText();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        text.Should().NotContainAny(["\"integer\",\"string\"", "\"number\",\"string\""], "numbers are integer or number, never also strings with a pattern");
        schemas.TryGetProperty("IFormFile", out _).Should().BeFalse();
        var problem = schemas.GetProperty("ProblemDetails");
        problem.GetProperty("properties").TryGetProperty("traceId", out _).Should().BeTrue();
        problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().BeEquivalentTo(["type", "title", "status", "traceId"]);
        schemas.GetProperty("CreateAuthorCommand").GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("name");

        var addBook = document.GetProperty("paths").GetProperty("/api/books").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        addBook.EnumerateObject().Select(c => c.Name).Should().Equal("multipart/form-data");
        var form = addBook.GetProperty("multipart/form-data").GetProperty("schema");
        form.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().BeEquivalentTo(["title", "category", "cover"]);
        form.GetProperty("properties").GetProperty("cover").GetProperty("format").GetString().Should().Be("binary");
        var update = document.GetProperty("paths").GetProperty("/api/books/{id}").GetProperty("put").GetProperty("requestBody").GetProperty("content");
        update.EnumerateObject().Select(c => c.Name).Should().Equal("multipart/form-data");

        var listBooks = document.GetProperty("paths").GetProperty("/api/books").GetProperty("get").GetProperty("parameters");
        listBooks.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("category", "q", "page", "pageSize", "sort", "cursor");

        var login = document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("responses").GetProperty("200");
        var example = login.GetProperty("content").GetProperty("application/json").GetProperty("example");
        example.TryGetProperty("refreshToken", out _).Should().BeTrue();
        example.TryGetProperty("refreshExpiresIn", out _).Should().BeTrue();
    }

    private static JsonElement Header(JsonElement response, string name) =>
        response.TryGetProperty("headers", out var headers) && headers.TryGetProperty(name, out var header)
            ? header
            : throw new Xunit.Sdk.XunitException($"response lacks the {name} header: {response.GetRawText()[..Math.Min(300, response.GetRawText().Length)]}");

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
