using CleanAuth.Infrastructure.Persistence.Embedded;
using Microsoft.Data.Sqlite;

namespace CleanAuth.Tests.Unit.Infrastructure.Persistence;

/// <summary>The store's file holds password hashes and sealed keys: 0600 like the key files, with its -wal and -shm.</summary>
public sealed class SqliteStoreFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Fact]
    public void A_new_store_file_and_its_wal_and_shm_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var store = new SqliteStore(_data.Path);
        WriteOnce(store);

        foreach (var file in StoreFiles(store))
        {
            File.Exists(file).Should().BeTrue($"{file} is written while the store is open in WAL mode");
            File.GetUnixFileMode(file).Should().Be(OwnerOnly, file);
        }
    }

    [Fact]
    public void A_store_file_an_earlier_version_left_readable_to_all_is_tightened_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var earlier = new SqliteStore(_data.Path))
        {
            WriteOnce(earlier);
        }

        var path = Path.Combine(_data.Path, SqliteStore.FileName);
        const UnixFileMode readableToAll = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(path, readableToAll);
        SqliteConnection.ClearAllPools();

        using var store = new SqliteStore(_data.Path);
        WriteOnce(store);

        foreach (var file in StoreFiles(store))
        {
            File.GetUnixFileMode(file).Should().Be(OwnerOnly, file);
        }
    }

    private static void WriteOnce(SqliteStore store) => store.Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS file_mode_probe (x INTEGER); INSERT INTO file_mode_probe VALUES (1);";
        return command.ExecuteNonQuery();
    });

    private static string[] StoreFiles(SqliteStore store) => [store.FilePath, store.FilePath + "-wal", store.FilePath + "-shm"];
}
