using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class EmbeddedAccountCodeStoreContract(EmbeddedStoreFixture fixture)
    : AccountCodeStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IAccountCodeStore Store { get; } = new SqliteAccountCodeStore(fixture.Store);

    protected override Task<long?> StoredAttemptsAsync(UserId user, AccountCodePurpose purpose) => Task.FromResult(fixture.Store.Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Attempts FROM account_codes WHERE UserId = $user AND Purpose = $purpose";
        command.Parameters.AddWithValue("$user", user.Value);
        command.Parameters.AddWithValue("$purpose", purpose.ToString());
        return (long?)command.ExecuteScalar();
    }));
}

public sealed class MongoWireAccountCodeStoreContract(MongoWireStoreFixture fixture)
    : AccountCodeStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IAccountCodeStore Store { get; } = new MongoAccountCodeStore(fixture.Store);

    protected override Task<long?> StoredAttemptsAsync(UserId user, AccountCodePurpose purpose) => MongoAttempts.ReadAsync(fixture.Store, user, purpose);
}

public sealed class RealMongoAccountCodeStoreContract(RealMongoStoreFixture fixture)
    : AccountCodeStoreContract, IClassFixture<RealMongoStoreFixture>, Support.INeedsRealMongo
{
    private MongoStore MongoStore => fixture.Store ?? throw new InvalidOperationException(Support.RealMongo.SkipReason);

    protected override IAccountCodeStore Store => new MongoAccountCodeStore(MongoStore);

    protected override Task<long?> StoredAttemptsAsync(UserId user, AccountCodePurpose purpose) => MongoAttempts.ReadAsync(MongoStore, user, purpose);
}

public sealed class InMemoryAccountCodeStoreContract : AccountCodeStoreContract
{
    private readonly InMemoryAccountCodeStore _store = new();

    protected override IAccountCodeStore Store => _store;

    protected override Task<long?> StoredAttemptsAsync(UserId user, AccountCodePurpose purpose) => Task.FromResult<long?>(_store.AttemptsOf(user, purpose));
}

internal static class MongoAttempts
{
    public static async Task<long?> ReadAsync(MongoStore store, UserId user, AccountCodePurpose purpose)
    {
        var codes = purpose == AccountCodePurpose.EmailConfirmation ? store.ConfirmationCodes : store.ResetCodes;
        var document = await codes.Find(d => d.UserId == ObjectId.Parse(user.Value)).SingleOrDefaultAsync();
        return document?.Attempts;
    }
}
