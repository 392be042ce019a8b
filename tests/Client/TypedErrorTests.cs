using CleanAuth.Tests.Client.Generated;
using CleanAuth.Tests.Client.Generated.Models;
using CleanAuth.Tests.Client.Support;
using static CleanAuth.Tests.Client.Support.ClientProblems;

namespace CleanAuth.Tests.Client;

/// <summary>The errors a client meets, read through the generated client as typed problem objects.</summary>
public sealed class TypedErrorTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly ClientApi _api = new(new() { ["Covers:MaxUploadBytes"] = "1048576" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_400_carries_every_invalid_field()
    {
        var problem = await ShouldFailAsync<HttpValidationProblemDetails>(
            () => _api.Client().Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "", Email = "not an email", Password = "short" }), 400);

        problem.Errors!.AdditionalData.Keys.Should().Contain(["name", "email", "password"]);
        problem.Title.Should().Be("One or more fields are invalid.");
    }

    [Fact]
    public async Task A_401_403_and_404_are_problems()
    {
        await ShouldFailAsync<ProblemDetails>(() => _api.Client().Api.Users.Me.GetAsync(), 401);
        await ShouldFailAsync<ProblemDetails>(() => _api.Client("not-a-token").Api.Books.GetAsync(), 401);
        var reader = await SignedInAsync();
        await ShouldFailAsync<ProblemDetails>(() => reader.Api.Admin.Users.GetAsync(), 403);
        await ShouldFailAsync<ProblemDetails>(() => reader.Api.Books["6740b2c1e4b0a1b2c3d4e5f7"].GetAsync(), 404);
        await ShouldFailAsync<ProblemDetails>(() => reader.Api.Authors["not-an-id"].DeleteAsync(), 404);
    }

    [Fact]
    public async Task A_wrong_code_is_a_400_on_the_code_and_an_unconfirmed_login_a_403_of_its_own_type()
    {
        await using var strict = new ClientApi(new() { ["Accounts:RequireConfirmedEmail"] = "true" });
        var client = strict.Client();
        var email = $"strict-{Guid.NewGuid():N}@example.com";
        await client.Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Strict", Email = email, Password = Password });

        var wrong = await ShouldFailAsync<HttpValidationProblemDetails>(
            () => client.Api.Auth.Email.Confirm.PostAsync(new ConfirmEmailCommand { Email = email, Code = "0000-0000-0000" }), 400);
        wrong.Errors!.AdditionalData.Keys.Should().Equal("code");
        var unconfirmed = await ShouldFailAsync<ProblemDetails>(() => client.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = Password }), 403);
        unconfirmed.Type.Should().Be("urn:cleanauth:problem:email-not-confirmed");

        await client.Api.Auth.Email.Confirm.PostAsync(new ConfirmEmailCommand { Email = email, Code = await strict.Mailbox.ConfirmationCodeAsync(email) });
        (await client.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = Password }))!.AccessToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_409_413_and_415_are_problems()
    {
        var reader = await SignedInAsync();
        await reader.Api.Books.PostAsync(RouteTourTests.BookForm(title: "Twice", category: "poetry", cover: TestImages.Jpeg()));

        var conflict = await ShouldFailAsync<ProblemDetails>(() => reader.Api.Books.PostAsync(RouteTourTests.BookForm(title: "TWICE", category: "poetry", cover: TestImages.Jpeg())), 409);
        conflict.Title.Should().Be("Conflict.");
        await ShouldFailAsync<ProblemDetails>(() => reader.Api.Books.PostAsync(RouteTourTests.BookForm(title: "Huge", category: "poetry", cover: new byte[1_200_000])), 413);
        await ShouldFailAsync<ProblemDetails>(() => reader.Api.Books.PostAsync(RouteTourTests.BookForm(title: "Text", category: "poetry", cover: "just text, not an image"u8.ToArray(), coverType: "text/plain")), 415);
    }

    [Fact]
    public async Task A_429_is_a_problem_with_Retry_After()
    {
        await using var limited = new ClientApi(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Login"] = "1" });
        var client = limited.Client();
        var login = new LoginCommand { Email = "nobody@example.com", Password = Password };
        await ShouldFailAsync<ProblemDetails>(() => client.Api.Auth.Login.PostAsync(login), 401);

        var problem = await ShouldFailAsync<ProblemDetails>(() => client.Api.Auth.Login.PostAsync(login), 429);
        problem.Type.Should().Be("https://tools.ietf.org/html/rfc6585#section-4");
        problem.ResponseHeaders.Should().ContainKey("Retry-After");
        int.Parse(problem.ResponseHeaders["Retry-After"].Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
    }

    private async Task<CleanAuthClient> SignedInAsync()
    {
        var anonymous = _api.Client();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await anonymous.Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Reader", Email = email, Password = Password });
        return _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = Password }))!.AccessToken);
    }
}
