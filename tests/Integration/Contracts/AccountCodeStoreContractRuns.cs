using CleanAuth.Application.Auth.Ports;
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
    protected override IAccountCodeStore Store => new MongoAccountCodeStore(
        fixture.Store ?? throw new InvalidOperationException(Support.RealMongo.SkipReason));
}

public sealed class InMemoryAccountCodeStoreContract : AccountCodeStoreContract
{
    protected override IAccountCodeStore Store { get; } = new InMemoryAccountCodeStore();
}
