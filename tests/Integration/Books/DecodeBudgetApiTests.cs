using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Infrastructure.Images;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Books;

/// <summary>An upload whose cover finds no room in the decode budget in time is told to come back (ADR 0045).</summary>
public sealed class DecodeBudgetApiTests
{
    [Fact]
    public async Task A_cover_that_finds_the_decode_budget_spent_gets_503_with_retry_after_and_leaves_no_book()
    {
        await using var api = CleanAuthApi.Embedded(new() { ["Covers:DecodeQueueTimeout"] = "00:00:00.050" });
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var budget = api.Services.GetRequiredService<DecodeBudget>();

        HttpResponseMessage refused;
        using (await budget.ReserveAsync(long.MaxValue, default))
        {
            refused = await client.PostAsync("/api/books", BookClient.Form("Waits", "d", "horror", cover: TestImages.Png(300, 200), coverType: "image/png"));
        }

        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/books");
        list.GetProperty("totalCount").GetInt64().Should().Be(0);

        var accepted = await client.PostAsync("/api/books", BookClient.Form("Fits", "d", "horror", cover: TestImages.Png(300, 200), coverType: "image/png"));
        accepted.StatusCode.Should().Be(HttpStatusCode.Created, "the budget was given back");
    }
}
