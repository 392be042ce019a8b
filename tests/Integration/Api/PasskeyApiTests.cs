using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Issue 24 over HTTP on each store, with a software authenticator making real attestations ("none") and ES256
/// assertions, and a fake clock: the whole flow, then every way an answer must be refused (ADR 0058).
/// </summary>
public abstract class PasskeyApiTests(CleanAuthApi api)
{
    [Fact]
    public async Task Register_list_rename_sign_in_with_two_devices_remove_and_be_refused_after_removal()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        using var laptop = new SoftwareAuthenticator();
        using var phone = new SoftwareAuthenticator();

        var options = await BodyAsync(await client.PostAsync("/api/users/me/passkeys/options", null), HttpStatusCode.OK);
        var publicKey = options.GetProperty("publicKey");
        publicKey.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString().Should().Be("required");
        publicKey.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString().Should().Be("required");
        publicKey.GetProperty("attestation").GetString().Should().Be("none");
        var created = await client.PostAsJsonAsync("/api/users/me/passkeys", new { ceremonyId = options.GetProperty("ceremonyId").GetString(), credential = laptop.Create(publicKey) });
        var first = await BodyAsync(created, HttpStatusCode.Created);
        var firstId = first.GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().Should().Be($"/api/users/me/passkeys/{firstId}");
        first.GetProperty("name").GetString().Should().StartWith("Passkey ");
        first.GetProperty("lastUsedAt").ValueKind.Should().Be(JsonValueKind.Null);

        api.Clock!.Advance(TimeSpan.FromSeconds(1)); // listed oldest first: the second is a second younger
        var secondId = (await RegisterAsync(client, phone, "Phone")).GetProperty("id").GetString()!;
        var rename = await client.PatchAsJsonAsync($"/api/users/me/passkeys/{firstId}", new { name = "Laptop" });
        (await BodyAsync(rename, HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("Laptop");
        var listed = await BodyAsync(await client.GetAsync("/api/users/me/passkeys"), HttpStatusCode.OK);
        listed.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("Laptop", "Phone");

        var session = Session.From(await BodyAsync(await SignInAsync(laptop), HttpStatusCode.OK));
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await SignInAsync(phone)).StatusCode.Should().Be(HttpStatusCode.OK, "a second device signs in too");
        (await BodyAsync(await client.GetAsync($"/api/users/me/passkeys/{firstId}"), HttpStatusCode.OK))
            .GetProperty("lastUsedAt").GetDateTimeOffset().Should().Be(api.Clock!.GetUtcNow().AddTicks(-(api.Clock.GetUtcNow().Ticks % TimeSpan.TicksPerMillisecond)));

        // The passkey's session is a sign-in now (auth_time): what needs a recent sign-in is allowed with it.
        using var signedIn = api.CreateClient(session.AccessToken);
        (await signedIn.PostAsync("/api/users/me/passkeys/options", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.DeleteAsync($"/api/users/me/passkeys/{firstId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/users/me/passkeys/{firstId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SignInAsync(laptop)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a removed passkey signs nobody in");
        (await SignInAsync(phone)).StatusCode.Should().Be(HttpStatusCode.OK);
        ReasonsLogged().Should().Contain("UnknownCredential");
        _ = secondId;
    }

    [Fact]
    public async Task Another_accounts_passkeys_are_404_and_its_registration_ceremony_is_not_the_callers()
    {
        var owner = await api.SignUpConfirmedAsync();
        var stranger = await api.SignUpConfirmedAsync();
        using var ownerClient = api.CreateClient(owner.AccessToken);
        using var strangerClient = api.CreateClient(stranger.AccessToken);
        using var device = new SoftwareAuthenticator();
        var id = (await RegisterAsync(ownerClient, device)).GetProperty("id").GetString()!;

        (await strangerClient.GetAsync($"/api/users/me/passkeys/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await strangerClient.PatchAsJsonAsync($"/api/users/me/passkeys/{id}", new { name = "Mine" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await strangerClient.DeleteAsync($"/api/users/me/passkeys/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await strangerClient.GetAsync("/api/users/me/passkeys/not-an-id")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await BodyAsync(await strangerClient.GetAsync("/api/users/me/passkeys"), HttpStatusCode.OK)).GetArrayLength().Should().Be(0);

        // The owner's ceremony cannot be finished by the stranger, and the same authenticator cannot join a second account.
        using var other = new SoftwareAuthenticator();
        var options = await BodyAsync(await ownerClient.PostAsync("/api/users/me/passkeys/options", null), HttpStatusCode.OK);
        (await strangerClient.PostAsJsonAsync("/api/users/me/passkeys", new { ceremonyId = options.GetProperty("ceremonyId").GetString(), credential = other.Create(options.GetProperty("publicKey")) }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var again = await BodyAsync(await strangerClient.PostAsync("/api/users/me/passkeys/options", null), HttpStatusCode.OK);
        (await strangerClient.PostAsJsonAsync("/api/users/me/passkeys", new { ceremonyId = again.GetProperty("ceremonyId").GetString(), credential = device.Create(again.GetProperty("publicKey")) }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a credential id belongs to one account");
    }

    [Fact]
    public async Task An_assertion_naming_another_users_handle_is_refused()
    {
        var owner = await api.SignUpConfirmedAsync();
        var stranger = await api.SignUpConfirmedAsync();
        using var device = new SoftwareAuthenticator();
        using (var client = api.CreateClient(owner.AccessToken))
        {
            await RegisterAsync(client, device);
        }

        var (ceremonyId, publicKey) = await SignInOptionsAsync();
        var assertion = device.Get(publicKey, userHandle: Convert.FromHexString(stranger.Id));
        (await FinishAsync(ceremonyId, assertion)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ReasonsLogged().Should().Contain("UserHandleMismatch");
    }

    [Fact]
    public async Task Tampered_client_data_a_wrong_origin_a_wrong_RP_ID_and_no_user_verification_are_refused()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        using var device = new SoftwareAuthenticator();

        // Registration: each refused answer spends its ceremony (400); the untouched one is then accepted. An attestation
        // "none" signs nothing, so what tampering can do there is change what the client data says: the challenge, the type.
        foreach (var bad in new Func<JsonElement, JsonObject>[]
        {
            pk => device.Create(pk, tamperClientData: data => Rewrite(data, "challenge", SoftwareAuthenticator.Base64Url(new byte[32]))),
            pk => device.Create(pk, tamperClientData: data => Rewrite(data, "type", "webauthn.get")),
            pk => device.Create(pk, origin: "http://evil.example:5080"),
            pk => device.Create(pk, rpId: "evil.example"),
        })
        {
            var options = await BodyAsync(await client.PostAsync("/api/users/me/passkeys/options", null), HttpStatusCode.OK);
            (await client.PostAsJsonAsync("/api/users/me/passkeys", new { ceremonyId = options.GetProperty("ceremonyId").GetString(), credential = bad(options.GetProperty("publicKey")) }))
                .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        await RegisterAsync(client, device);

        foreach (var bad in new Func<JsonElement, JsonObject>[]
        {
            pk => device.Get(pk, tamperClientData: Tamper),
            pk => device.Get(pk, origin: "http://localhost:6666"),
            pk => device.Get(pk, rpId: "evil.example"),
        })
        {
            var (ceremonyId, publicKey) = await SignInOptionsAsync();
            (await FinishAsync(ceremonyId, bad(publicKey))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        device.UserVerified = false;
        var (id, key) = await SignInOptionsAsync();
        (await FinishAsync(id, device.Get(key))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "user verification is required");
        device.UserVerified = true;
        (await SignInAsync(device)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_finished_ceremony_cannot_be_replayed_and_an_old_assertion_does_not_answer_a_new_challenge()
    {
        using var device = await RegisteredDeviceAsync();
        var (ceremonyId, publicKey) = await SignInOptionsAsync();
        var assertion = device.Get(publicKey);
        (await FinishAsync(ceremonyId, assertion)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await FinishAsync(ceremonyId, assertion)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the ceremony is spent");

        var (fresh, _) = await SignInOptionsAsync();
        (await FinishAsync(fresh, assertion)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the assertion signed another challenge");
        ReasonsLogged().Should().Contain("CeremonyUnknown").And.Contain("Invalid");
    }

    [Fact]
    public async Task A_ceremony_expires_after_five_minutes()
    {
        using var device = await RegisteredDeviceAsync();
        var (ceremonyId, publicKey) = await SignInOptionsAsync();
        api.Clock!.Advance(TimeSpan.FromMinutes(5));
        (await FinishAsync(ceremonyId, device.Get(publicKey))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var (fresh, key) = await SignInOptionsAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await FinishAsync(fresh, device.Get(key))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_counter_that_goes_backwards_is_refused_and_recorded()
    {
        using var device = await RegisteredDeviceAsync();
        device.Counter = 10;
        (await SignInAsync(device)).StatusCode.Should().Be(HttpStatusCode.OK);

        device.Counter = 3;
        (await SignInAsync(device)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a cloned authenticator lags behind");
        ReasonsLogged().Should().Contain("CounterWentBackwards");
    }

    [Fact]
    public async Task Of_parallel_finishes_of_one_ceremony_exactly_one_succeeds()
    {
        using var device = await RegisteredDeviceAsync();
        device.Counts = false;
        device.Counter = 20;
        for (var round = 0; round < 3; round++)
        {
            var (ceremonyId, publicKey) = await SignInOptionsAsync();
            device.Counter++;
            var assertion = device.Get(publicKey);
            using var gate = new SemaphoreSlim(0);
            var finishes = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return (await FinishAsync(ceremonyId, assertion)).StatusCode;
            })).ToList();
            gate.Release(finishes.Count);
            (await Task.WhenAll(finishes)).Count(s => s == HttpStatusCode.OK).Should().Be(1, "round {0}", round);
        }

        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        using var fresh = new SoftwareAuthenticator();
        var options = await BodyAsync(await client.PostAsync("/api/users/me/passkeys/options", null), HttpStatusCode.OK);
        var body = new { ceremonyId = options.GetProperty("ceremonyId").GetString(), credential = fresh.Create(options.GetProperty("publicKey")) };
        using var start = new SemaphoreSlim(0);
        var registrations = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return (await client.PostAsJsonAsync("/api/users/me/passkeys", body)).StatusCode;
        })).ToList();
        start.Release(registrations.Count);
        (await Task.WhenAll(registrations)).Count(s => s == HttpStatusCode.Created).Should().Be(1);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_failed_assertions_do_not_lock_the_password()
    {
        var user = await api.SignUpConfirmedAsync();
        using var device = new SoftwareAuthenticator();
        using var client = api.CreateClient(user.AccessToken);
        await RegisterAsync(client, device);

        for (var i = 0; i < 8; i++)
        {
            var (ceremonyId, publicKey) = await SignInOptionsAsync();
            (await FinishAsync(ceremonyId, device.Get(publicKey, origin: "http://localhost:1"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await api.SignInAsync(user.Email, user.Password)).AccessToken.Should().NotBeEmpty("passkey failures are not password guesses");

        (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await SignInAsync(device)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ReasonsLogged().Should().Contain("Disabled");
    }

    [Fact]
    public async Task Registration_needs_a_confirmed_address_and_bad_bodies_are_400s()
    {
        var unconfirmed = await api.SignUpAsync();
        using var client = api.CreateClient(unconfirmed.AccessToken);
        (await client.PostAsync("/api/users/me/passkeys/options", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/passkey", new { ceremonyId = "nope" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (ceremonyId, _) = await SignInOptionsAsync();
        (await anonymous.PostAsJsonAsync("/api/auth/passkey", new { ceremonyId, credential = "not a credential" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (other, _) = await SignInOptionsAsync();
        (await anonymous.PostAsJsonAsync("/api/auth/passkey", new { ceremonyId = other, credential = new { id = "AA", rawId = "AA", response = new { clientDataJSON = 5 } } }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static byte[] Rewrite(byte[] clientData, string field, string value)
    {
        var json = JsonNode.Parse(clientData)!.AsObject();
        json[field] = value;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static byte[] Tamper(byte[] clientData) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(clientData).Replace("\"crossOrigin\":false", "\"crossOrigin\":false,\"x\":1"));

    private async Task<SoftwareAuthenticator> RegisteredDeviceAsync()
    {
        var user = await api.SignUpConfirmedAsync();
        using var client = api.CreateClient(user.AccessToken);
        var device = new SoftwareAuthenticator();
        await RegisterAsync(client, device);
        return device;
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client, SoftwareAuthenticator device, string? name = null)
    {
        var options = await BodyAsync(await client.PostAsync("/api/users/me/passkeys/options", null), HttpStatusCode.OK);
        var credential = device.Create(options.GetProperty("publicKey"));
        return await BodyAsync(
            await client.PostAsJsonAsync("/api/users/me/passkeys", new { ceremonyId = options.GetProperty("ceremonyId").GetString(), credential, name }),
            HttpStatusCode.Created);
    }

    private async Task<(string CeremonyId, JsonElement PublicKey)> SignInOptionsAsync()
    {
        using var client = api.CreateClient();
        var options = await BodyAsync(await client.PostAsync("/api/auth/passkey/options", null), HttpStatusCode.OK);
        options.GetProperty("publicKey").GetProperty("allowCredentials").GetArrayLength().Should().Be(0);
        return (options.GetProperty("ceremonyId").GetString()!, options.GetProperty("publicKey"));
    }

    private async Task<HttpResponseMessage> FinishAsync(string ceremonyId, JsonObject credential)
    {
        using var client = api.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/passkey", new { ceremonyId, credential });
    }

    private async Task<HttpResponseMessage> SignInAsync(SoftwareAuthenticator device)
    {
        var (ceremonyId, publicKey) = await SignInOptionsAsync();
        return await FinishAsync(ceremonyId, device.Get(publicKey));
    }

    private IEnumerable<string?> ReasonsLogged() => api.Logs.Events
        .Where(e => e.Str("EventName") == "PasskeySignInFailed")
        .Select(e => e.Str("Reason"));

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class EmbeddedPasskeyApiTests(ClockedEmbeddedApiFixture fixture)
    : PasskeyApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWirePasskeyApiTests(ClockedMongoWireApiFixture fixture)
    : PasskeyApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
