using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Integration.Support;
using MongoDB.Driver;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class EmbeddedStoreFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cleanauth-contract", Guid.NewGuid().ToString("N"));

    public EmbeddedStoreFixture() => Store = new SqliteStore(_folder);

    public SqliteStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class EmbeddedUserRepositoryContract(EmbeddedStoreFixture fixture)
    : UserRepositoryContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IUserRepository Repository { get; } = new SqliteUserRepository(fixture.Store);

    [StoreFact]
    public Task Concurrent_adds_of_one_email_admit_exactly_one() => Concurrent_adds_of_one_email_admit_exactly_one_core();

    [StoreFact]
    public void Every_connection_the_store_hands_out_writes_ahead_and_waits_for_the_disk_on_commit()
    {
        for (var i = 0; i < 3; i++)
        {
            var (mode, synchronous) = fixture.Store.Run(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode;";
                var journal = (string)command.ExecuteScalar()!;
                command.CommandText = "PRAGMA synchronous;";
                return (journal, (long)command.ExecuteScalar()!);
            });

            mode.Should().Be("wal");
            synchronous.Should().Be(2, "FULL: a commit returns once the log is on disk");
        }
    }

    [StoreFact]
    public async Task Data_survives_closing_and_reopening_the_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cleanauth-contract", Guid.NewGuid().ToString("N"));
        var user = Domain.Users.User.Register(UserId.From(new ObjectIdGenerator().NewId()), PersonName.Create("Dora"), EmailAddress.Create("dora@example.com"), "HASH", DateTimeOffset.UtcNow);
        using (var store = new SqliteStore(folder))
        {
            (await new SqliteUserRepository(store).TryAddAsync(user, default)).Should().BeTrue();
        }

        using (var reopened = new SqliteStore(folder))
        {
            (await new SqliteUserRepository(reopened).FindByIdAsync(user.Id, default))!.Email.Should().Be("dora@example.com");
            (await new SqliteUserRepository(reopened).TryAddAsync(
                Domain.Users.User.Register(UserId.From(new ObjectIdGenerator().NewId()), PersonName.Create("Dup"), EmailAddress.Create("DORA@example.com"), "H", DateTimeOffset.UtcNow), default))
                .Should().BeFalse("the unique index is part of the file");
        }

        Directory.Delete(folder, recursive: true);
    }
}

public sealed class MongoWireStoreFixture : IAsyncLifetime
{
    private MongoWireServer? _server;

    public MongoStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MongoWireServer.StartAsync();
        Store = new MongoStore(_server.ConnectionString("contract"), new StorageOptions());
        await MongoIndexInitializer.CreateIndexesAsync(Store, default);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class MongoWireUserRepositoryContract(MongoWireStoreFixture fixture)
    : UserRepositoryContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IUserRepository Repository { get; } = new MongoUserRepository(fixture.Store);

    [StoreFact]
    public async Task A_user_stored_before_confirmation_existed_reads_as_unconfirmed()
    {
        var user = Domain.Users.User.Register(UserId.From(new ObjectIdGenerator().NewId()), PersonName.Create("Old"), EmailAddress.Create($"old-{Guid.NewGuid():N}@example.com"), "HASH", DateTimeOffset.UtcNow);
        await Repository.TryAddAsync(user, default);
        var raw = fixture.Store.Database.GetCollection<MongoDB.Bson.BsonDocument>("users");
        var filter = MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Filter.Eq("_id", MongoDB.Bson.ObjectId.Parse(user.Id.Value));
        await raw.UpdateOneAsync(filter, MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Update.Unset("emailConfirmed"));
        (await raw.Find(filter).SingleAsync()).Contains("emailConfirmed").Should().BeFalse();

        (await Repository.FindByIdAsync(user.Id, default))!.EmailConfirmed.Should().BeFalse();
        await Repository.MarkEmailConfirmedAsync(user.Id, default);
        (await Repository.FindByIdAsync(user.Id, default))!.EmailConfirmed.Should().BeTrue();
    }

    /// <summary>MongoDB keeps the last-administrator rule in a guard count (ADR 0031); with no crash it must not drift.</summary>
    [StoreFact]
    public async Task The_guard_count_equals_the_active_admins_after_parallel_grants_enables_and_removals()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = new ObjectIdGenerator();
        for (var i = 0; i < 6; i++)
        {
            var admin = Domain.Users.User.Register(UserId.From(ids.NewId()), PersonName.Create("Admin"), EmailAddress.Create($"guard-{Guid.NewGuid():N}@example.com"), "HASH", now);
            admin.GrantRole(Domain.Users.Role.Admin, now);
            await Repository.TryAddAsync(admin, default);
        }

        var plain = Domain.Users.User.Register(UserId.From(ids.NewId()), PersonName.Create("Plain"), EmailAddress.Create($"guard-{Guid.NewGuid():N}@example.com"), "HASH", now);
        await Repository.TryAddAsync(plain, default);
        var everyone = (await Repository.ListAsync(1, 10_000, null, default)).Items;
        using var gate = new SemaphoreSlim(0);
        var changes = everyone.Select(user => Task.Run(async () =>
        {
            await gate.WaitAsync();
            if (user.IsActiveAdmin)
            {
                user.Disable(now);
                await Repository.TryUpdateRemovingActiveAdminAsync(user, default);
            }
            else if (user.GrantRole(Domain.Users.Role.Admin, now) | user.IsDisabled)
            {
                user.Enable(now);
                await Repository.UpdateAsync(user, default);
            }
        })).ToList();
        gate.Release(changes.Count);
        await Task.WhenAll(changes);

        var guard = await fixture.Store.Counters.Find(MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Filter.Empty).SingleAsync();
        var active = await Repository.CountActiveAdminsAsync(default);
        active.Should().BeGreaterThanOrEqualTo(1);
        guard["count"].ToInt64().Should().Be(active);
    }
}

public sealed class RealMongoStoreFixture : IAsyncLifetime
{
    public MongoStore? Store { get; private set; }

    public async Task InitializeAsync()
    {
        if (RealMongo.ConnectionString is { } connectionString)
        {
            var url = new MongoDB.Driver.MongoUrlBuilder(connectionString) { DatabaseName = "cleanauth_contract_" + Guid.NewGuid().ToString("N") };
            Store = new MongoStore(url.ToString(), new StorageOptions());
            await MongoIndexInitializer.CreateIndexesAsync(Store, default);
        }
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.Database.Client.DropDatabaseAsync(Store.Database.DatabaseNamespace.DatabaseName);
        }
    }
}

/// <summary>The same contract on a real MongoDB, including what only a real server enforces.</summary>
public sealed class RealMongoUserRepositoryContract(RealMongoStoreFixture fixture)
    : UserRepositoryContract, IClassFixture<RealMongoStoreFixture>, INeedsRealMongo
{
    protected override IUserRepository Repository => new MongoUserRepository(
        fixture.Store ?? throw new InvalidOperationException(RealMongo.SkipReason));

    [StoreFact]
    public Task Concurrent_adds_of_one_email_admit_exactly_one() => Concurrent_adds_of_one_email_admit_exactly_one_core();
}

public sealed class EmbeddedLibraryStoreContract(EmbeddedStoreFixture fixture) : LibraryStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IBookRepository Books { get; } = new SqliteBookRepository(fixture.Store);

    protected override IAuthorRepository Authors { get; } = new SqliteAuthorRepository(fixture.Store);

    protected override ICoverStore Covers { get; } = new SqliteCoverStore(fixture.Store, new ObjectIdGenerator());
}

public sealed class MongoWireLibraryStoreContract(MongoWireStoreFixture fixture) : LibraryStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IBookRepository Books { get; } = new MongoBookRepository(fixture.Store);

    protected override IAuthorRepository Authors { get; } = new MongoAuthorRepository(fixture.Store);

    protected override ICoverStore Covers { get; } = new GridFsCoverStore(fixture.Store);
}

public sealed class RealMongoLibraryStoreContract(RealMongoStoreFixture fixture)
    : LibraryStoreContract, IClassFixture<RealMongoStoreFixture>, INeedsRealMongo
{
    private MongoStore Store => fixture.Store ?? throw new InvalidOperationException(RealMongo.SkipReason);

    protected override IBookRepository Books => new MongoBookRepository(Store);

    protected override IAuthorRepository Authors => new MongoAuthorRepository(Store);

    protected override ICoverStore Covers => new GridFsCoverStore(Store);
}
