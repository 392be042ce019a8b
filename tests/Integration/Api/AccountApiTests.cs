using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>The account routes of the foundation, over HTTP, run once per store.</summary>
public abstract class AccountApiTests(CleanAuthApi api)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Register_answers_201_with_the_profile_and_a_location()
    {
        using var client = api.CreateClient();
        var email = $"  Ann.{Guid.NewGuid():N}@Example.COM ";

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "  Ann Lee ", email, password = Password });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/api/users/me");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "name", "email", "createdAt");
        body.GetProperty("name").GetString().Should().Be("Ann Lee");
        body.GetProperty("email").GetString().Should().Be(email.Trim());
        body.GetProperty("id").GetString().Should().MatchRegex("^[0-9a-f]{24}$");
    }

    [UniqueIndexFact]
    public async Task Register_with_an_email_that_differs_only_in_case_answers_409()
    {
        using var client = api.CreateClient();
        var email = $"dup-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "First", email, password = Password })).EnsureSuccessStatusCode();

        var second = await client.PostAsJsonAsync("/api/auth/register", new { name = "Second", email = " " + email.ToUpperInvariant(), password = Password });

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await api.LoginAsync(email, Password)).Should().NotBeNullOrEmpty("the first account is untouched");
    }

    [Theory]
    [InlineData("\u200b")] // zero-width space
    [InlineData("\u00ad")] // soft hyphen
    [InlineData("\u202e")] // right-to-left override
    [InlineData("\u2066")] // left-to-right isolate
    public async Task An_email_with_an_invisible_character_is_refused_and_cannot_shadow_the_real_owner(string hidden)
    {
        using var client = api.CreateClient();
        var local = $"victim{Guid.NewGuid():N}";

        var squatter = await client.PostAsJsonAsync("/api/auth/register", new { name = "Squatter", email = $"{local}{hidden}@example.com", password = Password });
        var lookalike = await client.PostAsJsonAsync("/api/auth/register", new { name = $"Ann{hidden}Lee", email = $"{local}-2@example.com", password = Password });
        var owner = await client.PostAsJsonAsync("/api/auth/register", new { name = "Owner", email = $"{local}@example.com", password = "the owner's own passphrase" });

        (await squatter.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("email");
        (await lookalike.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("name");
        owner.StatusCode.Should().Be(HttpStatusCode.Created, "the real owner can still register");
        (await client.PostAsJsonAsync("/api/auth/login", new { email = $"{local}@example.com", password = Password })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "no squatter's password opens the owner's account");
    }

    [UniqueIndexFact]
    public async Task A_full_width_copy_of_a_registered_email_is_the_same_address()
    {
        using var client = api.CreateClient();
        var local = $"wide{Guid.NewGuid():N}";
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "First", email = $"{local}@example.com", password = Password })).EnsureSuccessStatusCode();

        var copy = await client.PostAsJsonAsync("/api/auth/register", new { name = "Copy", email = $"{local}@ｅｘａｍｐｌｅ.ｃｏｍ", password = Password });

        await copy.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await api.LoginAsync($"{local}@ｅｘａｍｐｌｅ.ｃｏｍ", Password)).Should().NotBeNullOrEmpty("the full-width form signs in to the same account");
    }

    [Fact]
    public async Task A_name_of_sixty_emoji_is_sixty_characters_and_accepted()
    {
        using var client = api.CreateClient();
        var name = string.Concat(Enumerable.Repeat("😀", 60));

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name, email = $"emoji-{Guid.NewGuid():N}@example.com", password = Password });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().Should().Be(name);
    }

    [Fact]
    public async Task Register_with_invalid_fields_answers_400_listing_every_field()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name = " ", email = "not-an-email", password = "short" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().BeEquivalentTo("name", "email", "password");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Qwerty123")]
    public async Task Register_with_a_common_password_answers_400(string password)
    {
        using var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "Ann", email = $"c-{Guid.NewGuid():N}@example.com", password });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Equal("password");
    }

    [Fact]
    public async Task Responses_that_carry_tokens_may_not_be_stored_by_any_cache()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password });
        var pair = await login.Content.ReadFromJsonAsync<JsonElement>();
        var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = pair.GetProperty("refreshToken").GetString() });
        using var signedIn = api.CreateClient(pair.GetProperty("accessToken").GetString()!);
        var change = await signedIn.PutAsJsonAsync("/api/users/me/password", new { currentPassword = user.Password, newPassword = "a brand new passphrase" });

        foreach (var response in new[] { login, refresh, change })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.Should().BeTrue($"{response.RequestMessage!.RequestUri} carries tokens (RFC 6749 §5.1)");
            response.Headers.Pragma.Should().ContainSingle(p => p.Name == "no-cache");
        }
    }

    [Fact]
    public async Task Login_accepts_json_and_form_fields()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient();

        var json = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email.ToUpperInvariant(), password = user.Password });
        var form = await client.PostAsync("/api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = user.Email,
            ["password"] = user.Password,
        }));

        foreach (var response in new[] { json, form })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("tokenType").GetString().Should().Be("Bearer");
            body.GetProperty("expiresIn").GetInt32().Should().Be(900);
            var token = body.GetProperty("accessToken").GetString()!;
            using var authed = api.CreateClient(token);
            (await authed.GetAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Every_login_failure_gets_the_same_401()
    {
        var user = await api.SignUpAsync();
        var disabled = await api.SignUpAsync();
        using (var client = api.CreateClient(disabled.AccessToken))
        {
            (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var anonymous = api.CreateClient();
        var details = new List<string>();
        foreach (var (email, password) in new[] { ("nobody-" + user.Email, user.Password), (user.Email, user.Password + "x"), (disabled.Email, disabled.Password) })
        {
            var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            details.Add(problem.GetProperty("title").GetString() + "|" + problem.GetProperty("detail").GetString());
        }

        details.Distinct().Should().HaveCount(1, "the answer must not tell which part was wrong");
    }

    [Fact]
    public async Task Me_returns_the_profile_without_secrets()
    {
        var user = await api.SignUpAsync("Bea");
        using var client = api.CreateClient(user.AccessToken);

        var response = await client.GetAsync("/api/users/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "name", "email", "roles", "createdAt", "emailConfirmed", "twoFactorEnabled");
        body.GetProperty("id").GetString().Should().Be(user.Id);
        body.GetProperty("roles").GetArrayLength().Should().Be(0);
        text.Should().NotContainAny("AQAAAA", "passwordHash", "securityStamp", user.Password);
    }

    [Fact]
    public async Task Update_profile_changes_the_name_and_ignores_every_other_field()
    {
        var user = await api.SignUpAsync("Cal");
        using var client = api.CreateClient(user.AccessToken);

        var response = await client.PutAsJsonAsync("/api/users/me", new
        {
            name = " Cal Smith ",
            email = "attacker@example.com",
            roles = new[] { "admin" },
            id = "000000000000000000000000",
            disabled = true,
            passwordHash = "x",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var me = await (await client.GetAsync("/api/users/me")).Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("name").GetString().Should().Be("Cal Smith");
        me.GetProperty("email").GetString().Should().Be(user.Email);
        me.GetProperty("id").GetString().Should().Be(user.Id);
        me.GetProperty("roles").GetArrayLength().Should().Be(0);
        (await api.LoginAsync(user.Email, user.Password)).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Update_profile_with_an_invalid_name_answers_400()
    {
        var user = await api.SignUpAsync("Dee");
        using var client = api.CreateClient(user.AccessToken);

        var response = await client.PutAsJsonAsync("/api/users/me", new { name = "bad\u0007name" });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("name");
    }

    [Fact]
    public async Task Disable_account_ends_every_token_at_once_and_keeps_the_account()
    {
        var user = await api.SignUpAsync();
        var secondToken = await api.LoginAsync(user.Email, user.Password);
        using var client = api.CreateClient(user.AccessToken);

        (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await client.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var second = api.CreateClient(secondToken);
        await (await second.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await second.PutAsJsonAsync("/api/users/me", new { name = "Back" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = api.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [UniqueIndexFact]
    public async Task A_disabled_account_keeps_its_address()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient(user.AccessToken);
        (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        using var anonymous = api.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/auth/register", new { name = "Again", email = user.Email, password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Me_without_a_token_answers_401_problem()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/api/users/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Theory]
    [InlineData("""{"email": {"$ne": null}, "password": "x"}""")]
    [InlineData("""{"email": "a@example.com", "password": {"$gt": ""}}""")]
    [InlineData("""{"email": ["a@example.com"], "password": "x"}""")]
    [InlineData("""{"email": 12, "password": "x"}""")]
    [InlineData("""{"email": "a@example.com", "password": """)]
    [InlineData("""not json""")]
    public async Task Login_with_a_malformed_or_mistyped_body_answers_400(string json)
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/api/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"name": "Op", "email": {"$ne": null}, "password": "correct horse battery"}""")]
    [InlineData("""{"name": {"$set": "x"}, "email": "op@example.com", "password": "correct horse battery"}""")]
    [InlineData("""{"name": "Op", "email": "op@example.com", "password": 12345678901}""")]
    [InlineData("""{"name": "Op", """)]
    public async Task Register_with_a_malformed_or_mistyped_body_answers_400_and_stores_nothing(string json)
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var probe = await client.PostAsJsonAsync("/api/auth/login", new { email = "op@example.com", password = "correct horse battery" });
        probe.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no account was created");
    }

    [Fact]
    public async Task A_malformed_login_form_answers_400_not_500()
    {
        using var client = api.CreateClient();
        var noBoundary = new StringContent("--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na\r\n--x--", Encoding.UTF8);
        noBoundary.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");

        var response = await client.PostAsync("/api/auth/login", noBoundary);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_content_type_answers_415()
    {
        using var client = api.CreateClient();

        var register = await client.PostAsync("/api/auth/register", new StringContent("""{"name":"a"}""", Encoding.UTF8, "text/plain"));
        var login = await client.PostAsync("/api/auth/login", new StringContent("""{"email":"a"}""", Encoding.UTF8, "text/plain"));

        await register.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await login.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem()
    {
        using var client = api.CreateClient();

        await (await client.GetAsync("/api/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class EmbeddedAccountApiTests(EmbeddedApiFixture fixture)
    : AccountApiTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireAccountApiTests(MongoWireApiFixture fixture)
    : AccountApiTests(fixture.Api), IClassFixture<MongoWireApiFixture>, IStoreWithoutUniqueIndexes;
