using CleanAuth.Tests.Client.Generated;
using CleanAuth.Tests.Client.Generated.Models;
using CleanAuth.Tests.Client.Support;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using NetVips;

namespace CleanAuth.Tests.Client;

/// <summary>
/// Every route of the API, driven only through the client Kiota generated from the document the API serves.
/// The last step compares the routes the API maps with the ones that answered a success here, so a route
/// added without a generated-client test fails this test.
/// </summary>
public sealed class RouteTourTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly ClientApi _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Every_mapped_route_succeeds_through_the_generated_client()
    {
        var anonymous = _api.Client();
        (await anonymous.Health.Live.GetAsync())!.Status.Should().Be("Healthy");
        (await anonymous.Health.Ready.GetAsync())!.Status.Should().Be("Healthy");

        // Accounts and sessions.
        var email = $"ann-{Guid.NewGuid():N}@example.com";
        var registered = await anonymous.Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Ann Lee", Email = email, Password = Password });
        registered!.Email.Should().Be(email);
        var login = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = Password });
        login!.TokenType.Should().Be("Bearer");
        login.RefreshExpiresIn.Should().BePositive();
        var ann = _api.Client(login.AccessToken);
        (await ann.Api.Users.Me.GetAsync())!.EmailConfirmed.Should().BeFalse();

        // Email confirmation and password reset with the codes the API mailed (read from its pickup folder).
        await anonymous.Api.Auth.Email.Resend.PostAsync(new ResendConfirmationCommand { Email = email });
        await anonymous.Api.Auth.Email.Confirm.PostAsync(new ConfirmEmailCommand { Email = email, Code = await _api.Mailbox.ConfirmationCodeAsync(email, count: 2) });
        (await ann.Api.Users.Me.GetAsync())!.EmailConfirmed.Should().BeTrue();
        await anonymous.Api.Auth.Password.Forgot.PostAsync(new ForgotPasswordCommand { Email = email });
        await anonymous.Api.Auth.Password.Reset.PostAsync(new ResetPasswordCommand { Email = email, Code = await _api.Mailbox.ResetCodeAsync(email), NewPassword = "a reset passphrase" });
        login = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = "a reset passphrase" });
        ann = _api.Client(login!.AccessToken);
        (await ann.Api.Users.Me.GetAsync())!.Id.Should().Be(registered.Id);
        (await ann.Api.Users.Me.PutAsync(new UpdateProfileCommand { Name = "Ann Lee-Smith" }))!.Name.Should().Be("Ann Lee-Smith");
        var refreshed = await anonymous.Api.Auth.Refresh.PostAsync(new RefreshCommand { RefreshToken = login.RefreshToken });
        refreshed!.RefreshToken.Should().NotBe(login.RefreshToken);
        await anonymous.Api.Auth.Logout.PostAsync(new LogoutCommand { RefreshToken = refreshed.RefreshToken });
        // The logout ended that session's access tokens too (ADR 0053): sign in again.
        login = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = "a reset passphrase" });
        ann = _api.Client(login!.AccessToken);
        var changed = await ann.Api.Users.Me.Password.PutAsync(new ChangePasswordCommand { CurrentPassword = "a reset passphrase", NewPassword = "a new and longer passphrase" });
        ann = _api.Client(changed!.AccessToken);

        // Authors and books, with a real cover.
        var author = await ann.Api.Authors.PostAsync(new CreateAuthorCommand { Name = "Ursula K. Le Guin" });
        author!.Country.Should().BeNullOrEmpty("country is optional");
        (await ann.Api.Authors.GetAsync()).Should().ContainSingle(a => a.Id == author.Id);
        (await ann.Api.Authors[author.Id].GetAsync())!.Name.Should().Be("Ursula K. Le Guin");
        var categories = await ann.Api.Books.Categories.GetAsync();
        categories.Should().Contain("science");
        var jpeg = TestImages.Jpeg(600, 900);
        var book = await ann.Api.Books.PostAsync(BookForm(title: "The Dispossessed", category: "science", authorId: author.Id, cover: jpeg));
        book!.CoverWidth.Should().Be(600);
        (await ann.Api.Books.GetAsync(r => r.QueryParameters.Q = "dispossessed")).Should().Match<PagedResponseOfBookResponse>(p => p.TotalCount == 1);
        (await ann.Api.Books[book.Id].GetAsync())!.AuthorId.Should().Be(author.Id);
        var updated = await ann.Api.Books[book.Id].PutAsync(BookForm(title: "The Dispossessed (revised)", cover: TestImages.Png(400, 300)));
        updated!.Title.Should().Be("The Dispossessed (revised)");
        updated.CoverWidth.Should().Be(400);

        await using (var cover = await ann.Api.Books[book.Id].Cover.GetAsync())
        {
            using var image = Image.NewFromBuffer(await ReadAllAsync(cover!));
            (image.Width, image.Height).Should().Be((400, 300));
        }

        await using (var thumbnail = await ann.Api.Books[book.Id].Cover!.Thumbnail.GetAsync())
        {
            using var image = Image.NewFromBuffer(await ReadAllAsync(thumbnail!));
            image.Width.Should().BeLessThanOrEqualTo(150);
            image.Height.Should().BeLessThanOrEqualTo(150);
            Math.Max(image.Width, image.Height).Should().Be(150);
        }

        await ann.Api.Books[book.Id].DeleteAsync();
        await ann.Api.Authors[author.Id].DeleteAsync();

        // Administration, by the bootstrapped administrator.
        var adminLogin = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = ClientApi.AdminEmail, Password = ClientApi.AdminPassword });
        var admin = _api.Client(adminLogin!.AccessToken);
        var users = await admin.Api.Admin.Users.GetAsync(r => r.QueryParameters.Email = email);
        users!.Items.Should().ContainSingle(u => u.Id == registered.Id).Which.EmailConfirmed.Should().BeTrue();
        await admin.Api.Admin.Users[registered.Id].Roles.Admin.PostAsync();
        await admin.Api.Admin.Users[registered.Id].Roles.Admin.DeleteAsync();
        await admin.Api.Admin.Users[registered.Id].Disable.PostAsync();
        await admin.Api.Admin.Users[registered.Id].Enable.PostAsync();

        // The second factor, for a user of its own: codes from the returned key, as an authenticator app computes them.
        var bobEmail = $"bob-{Guid.NewGuid():N}@example.com";
        var bobId = (await anonymous.Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Bob", Email = bobEmail, Password = Password }))!.Id;
        await anonymous.Api.Auth.Email.Confirm.PostAsync(new ConfirmEmailCommand { Email = bobEmail, Code = await _api.Mailbox.ConfirmationCodeAsync(bobEmail) }); // ADR 0043
        var bob = _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = bobEmail, Password = Password }))!.AccessToken);
        // Passkeys, with the software authenticator of the integration tests (tests/browser drives them with Chromium's).
        using (var device = new SoftwareAuthenticator())
        {
            var creation = await bob.Api.Users.Me.Passkeys.OptionsPath.PostAsync();
            var credential = device.Create(await JsonOf(creation!.PublicKey!));
            var passkey = await bob.Api.Users.Me.Passkeys.PostAsync(new PasskeyRegistration { CeremonyId = creation.CeremonyId, Credential = await Untyped(credential), Name = "Laptop" });
            (await bob.Api.Users.Me.Passkeys.GetAsync()).Should().ContainSingle(p => p.Id == passkey!.Id);
            (await bob.Api.Users.Me.Passkeys[passkey!.Id].GetAsync())!.Name.Should().Be("Laptop");
            (await bob.Api.Users.Me.Passkeys[passkey.Id].PatchAsync(new PasskeyRename { Name = "Old laptop" }))!.Name.Should().Be("Old laptop");
            var request = await anonymous.Api.Auth.Passkey.OptionsPath.PostAsync();
            var assertion = device.Get(await JsonOf(request!.PublicKey!));
            (await anonymous.Api.Auth.Passkey.PostAsync(new PasskeyAssertion { CeremonyId = request.CeremonyId, Credential = await Untyped(assertion) }))!.AccessToken.Should().NotBeNullOrEmpty();
            await bob.Api.Users.Me.Passkeys[passkey.Id].DeleteAsync();
        }

        var setup = await bob.Api.Users.Me.TwoFactor.Setup.PostAsync();
        setup!.AuthenticatorUri.Should().StartWith("otpauth://totp/CleanAuth:");
        setup.QrCodeSvg.Should().Contain("<svg");
        var enabled = await bob.Api.Users.Me.TwoFactor.Enable.PostAsync(new EnableTwoFactorCommand { Code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(setup.SharedKey!)).ComputeTotp() });
        enabled!.RecoveryCodes.Should().HaveCount(10);
        bob = _api.Client(enabled.AccessToken);
        (await bob.Api.Users.Me.GetAsync())!.TwoFactorEnabled.Should().BeTrue();
        (await admin.Api.Admin.Users.GetAsync(r => r.QueryParameters.Email = bobEmail))!.Items.Should().ContainSingle(u => u.TwoFactorEnabled == true);
        var recovered = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = bobEmail, Password = Password, RecoveryCode = enabled.RecoveryCodes![0] });
        recovered!.AccessToken.Should().NotBeNullOrEmpty();
        (await bob.Api.Users.Me.TwoFactor.RecoveryCodes.PostAsync(new RegenerateRecoveryCodesCommand { Password = Password }))!.RecoveryCodes.Should().HaveCount(10);
        bob = _api.Client((await bob.Api.Users.Me.TwoFactor.Disable.PostAsync(new DisableTwoFactorCommand { Password = Password }))!.AccessToken);
        await admin.Api.Admin.Users[bobId].TwoFactor.Reset.PostAsync();

        // Sessions, activity and the library's import and export (issues 23 and 25); the reset above ended Bob's sessions.
        bob = _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = bobEmail, Password = Password }))!.AccessToken);
        var sessions = await bob.Api.Users.Me.Sessions.GetAsync();
        sessions.Should().NotBeEmpty();
        var other = (await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = bobEmail, Password = Password }))!;
        var ended = (await bob.Api.Users.Me.Sessions.GetAsync())!.First(s => s.Current != true);
        await bob.Api.Users.Me.Sessions[ended.Id].DeleteAsync();
        other.AccessToken.Should().NotBeNullOrEmpty();
        (await bob.Api.Users.Me.Activity.GetAsync())!.Items.Should().NotBeEmpty();
        (await admin.Api.Admin.Users[bobId].Activity.GetAsync())!.Items.Should().NotBeEmpty();
        var csv = new MultipartBody();
        csv.AddOrReplacePart("file", "text/csv", new MemoryStream("Book Id,Title,Author,Bookshelves\n1,The Left Hand of Darkness,Ursula K. Le Guin,science\n"u8.ToArray()), "library.csv");
        (await bob.Api.Books.Import.PostAsync(csv))!.Imported.Should().Be(1);
        await using (var exported = await bob.Api.Books.Export.GetAsync(r => r.QueryParameters.Format = "json"))
        {
            (await new StreamReader(exported!).ReadToEndAsync()).Should().Contain("The Left Hand of Darkness");
        }

        // Ending sessions, then the account.
        ann = _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = "a new and longer passphrase" }))!.AccessToken);
        await ann.Api.Auth.LogoutAll.PostAsync();
        ann = _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = "a new and longer passphrase" }))!.AccessToken);
        // The export, the owner's erasure and an administrator's (ADR 0055).
        await using (var export = await ann.Api.Users.Me.Export.GetAsync())
        {
            using var zip = new System.IO.Compression.ZipArchive(export!, System.IO.Compression.ZipArchiveMode.Read);
            zip.Entries.Select(e => e.FullName).Should().Contain(["account.json", "sessions.json", "activity.json", "authors.json", "books.json"]);
        }

        await ann.Api.Users.Me.DeleteAsync();
        await bob.Api.Users.Me.Erase.PostAsync(new EraseAccountRequest { Password = Password });
        var carolEmail = $"carol-{Guid.NewGuid():N}@example.com";
        var carolId = (await anonymous.Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Carol", Email = carolEmail, Password = Password }))!.Id;
        admin = _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = ClientApi.AdminEmail, Password = ClientApi.AdminPassword }))!.AccessToken);
        await admin.Api.Admin.Users[carolId].DeleteAsync();
        (await admin.Api.Admin.Users.GetAsync(r => r.QueryParameters.Email = carolEmail))!.Items.Should().BeEmpty();

        var succeeded = _api.Answered.Where(e => e.Value.Any(status => status is >= 200 and < 300)).Select(e => e.Key);
        _api.MappedEndpoints.Should().HaveCountGreaterThanOrEqualTo(39)
            .And.BeSubsetOf(succeeded, "every route the API maps must be driven to a success through the generated client in this test");
    }

    [Fact]
    public async Task A_cover_download_is_conditional_on_its_ETag()
    {
        var client = await SignedInAsync();
        var book = await client.Api.Books.PostAsync(BookForm(title: "Conditional", category: "poetry", cover: TestImages.Jpeg()));
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await using (var first = await client.Api.Books[book!.Id].Cover.GetAsync(r => r.Options.Add(headers)))
        {
            (await ReadAllAsync(first!)).Should().NotBeEmpty();
        }

        var etag = headers.ResponseHeaders["ETag"].Single();
        headers.ResponseHeaders["Cache-Control"].Single().Should().Contain("private");

        // The 304 is described in text, not declared (a declared 3XX makes Kiota drop the 200 body from the
        // generated method): the generated client then answers null, no body, and no exception.
        var notModified = await client.Api.Books[book.Id].Cover.GetAsync(r => r.Headers.Add("If-None-Match", etag));
        notModified.Should().BeNull();
        _api.Answered["GetCover"].Should().Contain(304);
    }

    // WebAuthn's JSON travels untyped through the generated client (the API passes it to the browser as it is).
    private static async Task<System.Text.Json.JsonElement> JsonOf(UntypedNode node) =>
        System.Text.Json.JsonDocument.Parse(await KiotaJsonSerializer.SerializeAsStringAsync(node)).RootElement.Clone();

    private static async Task<UntypedNode> Untyped(System.Text.Json.Nodes.JsonObject json) =>
        (await KiotaJsonSerializer.DeserializeAsync(json.ToJsonString(), UntypedNode.CreateFromDiscriminatorValue))!;

    internal static MultipartBody BookForm(string? title = null, string? category = null, string? authorId = null, byte[]? cover = null, string coverType = "image/jpeg")
    {
        var form = new MultipartBody();
        foreach (var (name, value) in new[] { ("title", title), ("category", category), ("authorId", authorId) })
        {
            if (value is not null)
            {
                form.AddOrReplacePart(name, "text/plain", value);
            }
        }

        if (cover is not null)
        {
            form.AddOrReplacePart("cover", coverType, new MemoryStream(cover), "cover");
        }

        return form;
    }

    private async Task<CleanAuthClient> SignedInAsync()
    {
        var anonymous = _api.Client();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await anonymous.Api.Auth.Register.PostAsync(new RegisterUserCommand { Name = "Reader", Email = email, Password = Password });
        return _api.Client((await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = Password }))!.AccessToken);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
