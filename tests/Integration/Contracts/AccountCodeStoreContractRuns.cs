using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class EmbeddedAccountCodeStoreContract(EmbeddedStoreFixture fixture)
    : AccountCodeStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IAccountCodeStore Store { get; } = new SqliteAccountCodeStore(fixture.Store);
}

public sealed class MongoWireAccountCodeStoreContract(MongoWireStoreFixture fixture)
    : AccountCodeStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IAccountCodeStore Store { get; } = new MongoAccountCodeStore(fixture.Store);
}

public sealed class RealMongoAccountCodeStoreContract(RealMongoStoreFixture fixture)
    : AccountCodeStoreContract, IClassFixture<RealMongoStoreFixture>, Support.INeedsRealMongo
{
    private MongoStore MongoStore => fixture.Store ?? throw new InvalidOperationException(Support.RealMongo.SkipReason);

    protected override IAccountCodeStore Store => new MongoAccountCodeStore(MongoStore);
}

public sealed class InMemoryAccountCodeStoreContract : AccountCodeStoreContract
{
    private readonly InMemoryAccountCodeStore _store = new();

    protected override IAccountCodeStore Store => _store;
}
