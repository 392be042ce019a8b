using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class EmbeddedRefreshTokenStoreContract(EmbeddedStoreFixture fixture)
    : RefreshTokenStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IRefreshTokenStore Store { get; } = new SqliteRefreshTokenStore(fixture.Store);
}

public sealed class MongoWireRefreshTokenStoreContract(MongoWireStoreFixture fixture)
    : RefreshTokenStoreContract, IClassFixture<MongoWireStoreFixture>
{
    protected override IRefreshTokenStore Store { get; } = new MongoRefreshTokenStore(fixture.Store);
}

public sealed class RealMongoRefreshTokenStoreContract(RealMongoStoreFixture fixture)
    : RefreshTokenStoreContract, IClassFixture<RealMongoStoreFixture>, Support.INeedsRealMongo
{
    protected override IRefreshTokenStore Store => new MongoRefreshTokenStore(
        fixture.Store ?? throw new InvalidOperationException(Support.RealMongo.SkipReason));
}
