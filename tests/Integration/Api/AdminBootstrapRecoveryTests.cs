using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Data.Sqlite;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Issue 11: a store left with only disabled administrators is recovered by the bootstrap settings.</summary>
public sealed class AdminBootstrapRecoveryTests
{
    private const string Email = "root@example.com";
    private const string Password = "bootstrap admin passphrase";

    [Fact]
    public async Task With_every_administrator_disabled_the_bootstrap_enables_the_configured_one_again()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = dataPath,
            ["Bootstrap:AdminEmail"] = Email,
            ["Bootstrap:AdminPassword"] = Password,
        };
        try
        {
            await using (var first = CleanAuthApi.Embedded(settings))
            {
                await SignInWhenReadyAsync(first);
            }

            // What the race before ADR 0031 could leave behind: administrators who disabled each other.
            DisableEveryone(dataPath);

            await using var second = CleanAuthApi.Embedded(settings);
            var session = await SignInWhenReadyAsync(second);
            using var client = second.CreateClient(session.AccessToken);
            (await client.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    private static void DisableEveryone(string dataPath)
    {
        var file = Path.Combine(dataPath, CleanAuth.Infrastructure.Persistence.Embedded.SqliteStore.FileName);
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET Disabled = 1";
        command.ExecuteNonQuery().Should().Be(1);
    }

    // The bootstrap runs in the background after start-up; the login works once it has.
    private static async Task<Session> SignInWhenReadyAsync(CleanAuthApi api)
    {
        _ = api.Server;
        for (var attempt = 0; ; attempt++)
        {
            using var client = api.CreateClient();
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
            if (login.IsSuccessStatusCode || attempt == 50)
            {
                return await Session.FromAsync(login);
            }

            await Task.Delay(100);
        }
    }
}
