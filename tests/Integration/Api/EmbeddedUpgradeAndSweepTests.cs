using System.Net;
using System.Net.Http.Json;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>ADR 0032 on the embedded store: a file from schema version 1 is upgraded, and old refresh tokens are swept.</summary>
public sealed class EmbeddedUpgradeAndSweepTests
{
    [Fact]
    public async Task A_version_1_file_gets_author_counts_from_its_books_and_its_sessions_end()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath };
        try
        {
            string authorId, bookId;
            TestUser user;
            Session session;
            await using (var before = CleanAuthApi.Embedded(settings))
            {
                user = await before.SignUpAsync();
                session = await before.SignInAsync(user.Email, user.Password);
                using var client = before.CreateClient(user.AccessToken);
                authorId = (await client.AddAuthorAsync()).GetProperty("id").GetString()!;
                bookId = (await client.AddBookAsync(authorId: authorId)).GetProperty("id").GetString()!;
            }

            // Back to exactly what step 1 made, rows and all: as a file written before this change.
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, SqliteStore.FileName)};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    DROP TABLE refresh_families; DROP INDEX refresh_tokens_by_expiry; ALTER TABLE authors DROP COLUMN Books;
                    DROP TABLE email_outbox; DROP TABLE account_codes; ALTER TABLE users DROP COLUMN EmailConfirmed;
                    DROP TABLE two_factor; DROP TABLE two_factor_recovery_codes; DROP TABLE passkeys; DROP TABLE passkey_ceremonies;
                    DROP INDEX users_erasing; ALTER TABLE users DROP COLUMN ErasingAt; DROP TABLE activity;
                    PRAGMA user_version = 1;
                    """;
                command.ExecuteNonQuery();
            }

            await using var after = CleanAuthApi.Embedded(settings);
            (await after.RefreshAsync(session.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "sessions from before end");
            using var signedIn = after.CreateClient(await after.LoginAsync(user.Email, user.Password));
            (await signedIn.DeleteAsync($"/api/authors/{authorId}")).StatusCode.Should().Be(HttpStatusCode.Conflict, "the upgrade counted the book");
            (await signedIn.DeleteAsync($"/api/books/{bookId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
            (await signedIn.DeleteAsync($"/api/authors/{authorId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
            (await signedIn.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users/me")).GetProperty("emailConfirmed").GetBoolean()
                .Should().BeFalse("accounts from before confirmation existed read as unconfirmed");
            EmbeddedData.Strings(dataPath, "PRAGMA user_version").Should().Equal("11");
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_sweeper_runs_in_the_embedded_api_and_removes_a_session_a_week_after_its_absolute_end()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = CleanAuthApi.Embedded(clock: clock);
        var user = await api.SignUpAsync();
        var ended = await api.SignInAsync(user.Email, user.Password);
        var sweeper = api.Services.GetServices<IHostedService>().OfType<RefreshTokenSweeper>().Should().ContainSingle().Subject;

        // Row counts, not SweepOnce's return: the sweeper's own timer also fires when the clock jumps.
        clock.Advance(TimeSpan.FromDays(30) + StorageOptions.RefreshTokenRetention - TimeSpan.FromMinutes(1));
        sweeper.SweepOnce();
        EmbeddedData.Rows(api.DataPath, "SELECT Id FROM refresh_families").Should().HaveCount(2, "a family (sign-up's and this sign-in's) is kept a week after its end, so a late replay is still recognised");
        var fresh = await api.SignInAsync(user.Email, user.Password);
        clock.Advance(TimeSpan.FromMinutes(2));
        sweeper.SweepOnce();

        EmbeddedData.Rows(api.DataPath, "SELECT Id FROM refresh_families").Should().ContainSingle("the ended families went, the fresh one stays");
        EmbeddedData.Rows(api.DataPath, "SELECT Id FROM refresh_tokens").Should().ContainSingle();
        (await api.RefreshAsync(ended.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.RefreshAsync(fresh.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
