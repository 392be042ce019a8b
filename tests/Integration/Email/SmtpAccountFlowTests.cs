using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Email;
using CleanAuth.Tests.Integration.Support;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Email;

/// <summary>
/// The two email flows as a user lives them, over HTTP with a real SMTP server (smtp4dev) in between, on both
/// stores: the code is read from the mail smtp4dev received, not from the store or the pickup folder.
/// </summary>
public sealed class SmtpAccountFlowTests(Smtp4DevServer smtp, ITestOutputHelper output) : IClassFixture<Smtp4DevServer>, IAsyncLifetime
{
    private const string NewPassword = "a passphrase chosen after the reset";
    private MongoWireServer? _mongo;

    public static TheoryData<string> Stores() => ["embedded", "mongo"];

    // A test before may have left it stopped.
    public Task InitializeAsync() => smtp.StartAsync();

    public async Task DisposeAsync()
    {
        await smtp.StartAsync();
        if (_mongo is not null)
        {
            await _mongo.DisposeAsync();
        }
    }

    private async Task<CleanAuthApi> ApiAsync(string store)
    {
        // Retries every second at most here: restarting smtp4dev on a loaded machine can outlast the default 12 tries.
        var settings = smtp.ApiSettings();
        settings["Email:MaxAttempts"] = "1000";
        if (store == "embedded")
        {
            return CleanAuthApi.Embedded(settings);
        }

        _mongo ??= await MongoWireServer.StartAsync();
        return CleanAuthApi.Mongo(_mongo.ConnectionString("mailflow"), settings);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_registered_user_confirms_the_address_from_the_mail_then_resets_a_forgotten_password(string store)
    {
        await using var api = await ApiAsync(store);
        var user = await api.SignUpAsync(name: "Ann <i>Lee</i>");
        var before = await api.SignInAsync(user.Email, user.Password);

        var confirmation = (await smtp.WaitForAsync(user.Email)).Single();
        confirmation.Subject.Should().Be("Confirm your email address");
        confirmation.HtmlBody.Should().NotContain("Lee", "until the address is confirmed the mail names no one (ADR 0043)");
        var confirmCode = PickupMailbox.CodeIn(confirmation);
        confirmCode.Should().NotBeEmpty();
        (await PostAsync(api, "/api/auth/email/confirm", new { email = user.Email, code = confirmCode })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await MeAsync(api, before.AccessToken)).GetProperty("emailConfirmed").GetBoolean().Should().BeTrue();

        (await PostAsync(api, "/api/auth/password/forgot", new { email = user.Email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var reset = (await smtp.WaitForAsync(user.Email, count: 2)).Single(m => m.Subject == "Reset your password");
        reset.HtmlBody.Should().Contain("Ann &lt;i&gt;Lee&lt;/i&gt;", "once confirmed the name is used, escaped in the HTML part");
        reset.To.Mailboxes.Single().Name.Should().Be("Ann <i>Lee</i>");
        var resetCode = PickupMailbox.CodeIn(reset);
        (await PostAsync(api, "/api/auth/password/reset", new { email = user.Email, code = resetCode, newPassword = NewPassword }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.MeStatusAsync(before.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "a reset ends every session");
        (await api.RefreshAsync(before.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.SignInAsync(user.Email, NewPassword)).AccessToken.Should().NotBeEmpty();
        (await PostAsync(api, "/api/auth/password/reset", new { email = user.Email, code = resetCode, newPassword = "yet another long passphrase" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a code is spent once used");
        api.Logs.Text.Should().NotContain(confirmCode).And.NotContain(resetCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task With_the_mail_server_down_a_reset_request_is_answered_at_once_and_its_mail_arrives_once_the_server_is_back(string store)
    {
        await using var api = await ApiAsync(store);
        var user = await api.SignUpAsync();
        await smtp.WaitForAsync(user.Email);

        await smtp.StopAsync();
        var clock = Stopwatch.StartNew();
        var answer = await PostAsync(api, "/api/auth/password/forgot", new { email = user.Email });
        var answeredIn = clock.Elapsed;
        answer.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await api.Logs.WaitForAsync(e => e.Str("EventName") == "EmailDeliveryFailed", TimeSpan.FromSeconds(20));
        // The SMTP timeout here is 5 s: a request that waited on the mail server would take at least that long.
        answeredIn.Should().BeLessThan(TimeSpan.FromSeconds(4), "sending is out of the request's path");
        output.WriteLine($"{store}: forgot answered in {answeredIn.TotalMilliseconds:F0} ms with SMTP down");

        // smtp4dev keeps its mail in memory: it starts empty, so what arrives now is what waited in the outbox.
        await smtp.StartAsync();
        var reset = (await smtp.WaitForAsync(user.Email, timeout: TimeSpan.FromSeconds(30))).Single();
        reset.Subject.Should().Be("Reset your password");
        (await PostAsync(api, "/api/auth/password/reset", new { email = user.Email, code = PickupMailbox.CodeIn(reset), newPassword = NewPassword }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await smtp.MessagesToAsync(user.Email)).Should().ContainSingle("the queued mail is sent once");
    }

    private static async Task<HttpResponseMessage> PostAsync(CleanAuthApi api, string route, object body)
    {
        using var client = api.CreateClient();
        return await client.PostAsJsonAsync(route, body);
    }

    private static async Task<JsonElement> MeAsync(CleanAuthApi api, string accessToken)
    {
        using var client = api.CreateClient(accessToken);
        return await client.GetFromJsonAsync<JsonElement>("/api/users/me");
    }
}
