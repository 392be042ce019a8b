using System.IO.Compression;
using System.Text.Json;
using CleanAuth.Tests.Client.Generated.Models;
using CleanAuth.Tests.Client.Support;
using static CleanAuth.Tests.Client.Support.ClientProblems;

namespace CleanAuth.Tests.Client;

/// <summary>The export and the erasure of one's own account (issue 23), through the generated client.</summary>
public sealed class AccountDataClientTests : IAsyncLifetime
{
    private readonly ClientApi _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_export_is_a_zip_of_the_listed_parts_with_the_account_its_library_and_each_cover()
    {
        var (email, client) = await _api.SignedInAsync("Exporter");
        var author = await client.Api.Authors.PostAsync(new CreateAuthorCommand { Name = "Ursula K. Le Guin" });
        var book = await client.Api.Books.PostAsync(RouteTourTests.BookForm(title: "The Lathe of Heaven", category: "science", authorId: author!.Id, cover: TestImages.Png(40, 60)));

        await using var export = await client.Api.Users.Me.Export.GetAsync();
        using var zip = new ZipArchive(export!, ZipArchiveMode.Read);

        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo(
            "account.json", "sessions.json", "activity.json", "authors.json", "books.json", $"covers/{book!.Id}.png");
        var account = await JsonOf(zip, "account.json");
        account.GetProperty("email").GetString().Should().Be(email);
        account.EnumerateObject().Select(p => p.Name).Should().NotContain(name => name.Contains("hash", StringComparison.OrdinalIgnoreCase) || name.Contains("stamp", StringComparison.OrdinalIgnoreCase));
        (await JsonOf(zip, "books.json")).EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("author").GetString().Should().Be("Ursula K. Le Guin");
        (await JsonOf(zip, "sessions.json")).GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Erasing_with_the_password_ends_sign_in_and_frees_the_address()
    {
        var (email, client) = await _api.SignedInAsync("Leaving");

        await client.Api.Users.Me.Erase.PostAsync(new EraseAccountRequest { Password = ClientApi.Password });

        await ShouldFailAsync<ProblemDetails>(() => client.Api.Users.Me.GetAsync(), 401);
        await ShouldFailAsync<ProblemDetails>(() => _api.SignInAsync(email), 401);
        var again = await _api.Client().Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Returning", Email = email, Password = ClientApi.Password });
        again!.Email.Should().Be(email);
        (await _api.Client((await _api.SignInAsync(email)).AccessToken).Api.Users.Me.GetAsync())!.Name.Should().Be("Returning");
    }

    [Fact]
    public async Task Erasing_with_a_wrong_password_is_a_typed_400_on_the_password_and_erases_nothing()
    {
        var (email, client) = await _api.SignedInAsync("Staying");

        var problem = await ShouldFailAsync<HttpValidationProblemDetails>(
            () => client.Api.Users.Me.Erase.PostAsync(new EraseAccountRequest { Password = "not the password at all" }), 400);

        problem.Errors!.AdditionalData.Keys.Should().Equal("password");
        (await client.Api.Users.Me.GetAsync())!.Email.Should().Be(email);
        (await _api.SignInAsync(email)).AccessToken.Should().NotBeNullOrEmpty();
    }

    private static async Task<JsonElement> JsonOf(ZipArchive zip, string name)
    {
        await using var entry = zip.GetEntry(name)!.Open();
        return (await JsonDocument.ParseAsync(entry)).RootElement.Clone();
    }
}
