using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class EmbeddedAccountErasureContract(EmbeddedStoreFixture fixture) : AccountErasureContract, IClassFixture<EmbeddedStoreFixture>
{
    private readonly SqliteEmailOutbox _outbox = new(fixture.Store, new ObjectIdGenerator(), TimeProvider.System);

    protected override IUserRepository Users { get; } = new SqliteUserRepository(fixture.Store);

    protected override IAccountErasure Erasure { get; } = new SqliteAccountErasure(fixture.Store, TimeProvider.System);

    protected override ICallerStore Callers { get; } = new SqliteCallerStore(fixture.Store);

    protected override IBookRepository Books { get; } = new SqliteBookRepository(fixture.Store);

    protected override ICoverStore Covers { get; } = new SqliteCoverStore(fixture.Store, new ObjectIdGenerator());

    protected override IRefreshTokenStore Tokens { get; } = new SqliteRefreshTokenStore(fixture.Store);

    protected override IEmailOutbox Outbox => _outbox;

    protected override IOutboxQueue Queue => _outbox;
}

public sealed class MongoWireAccountErasureContract(MongoWireStoreFixture fixture) : AccountErasureContract, IClassFixture<MongoWireStoreFixture>, IStoreWithoutUniqueIndexes
{
    private readonly MongoEmailOutbox _outbox = new(fixture.Store, new ObjectIdGenerator(), TimeProvider.System);

    protected override IUserRepository Users { get; } = new MongoUserRepository(fixture.Store);

    protected override IAccountErasure Erasure { get; } = new MongoAccountErasure(fixture.Store, TimeProvider.System);

    protected override ICallerStore Callers { get; } = new MongoCallerStore(fixture.Store);

    protected override IBookRepository Books { get; } = new MongoBookRepository(fixture.Store);

    protected override ICoverStore Covers { get; } = new GridFsCoverStore(fixture.Store);

    protected override IRefreshTokenStore Tokens { get; } = new MongoRefreshTokenStore(fixture.Store);

    protected override IEmailOutbox Outbox => _outbox;

    protected override IOutboxQueue Queue => _outbox;
}

public sealed class InMemoryAccountErasureContract : AccountErasureContract
{
    private readonly InMemoryUserRepository _users = new();
    private readonly InMemoryBookRepository _books = new();
    private readonly InMemoryCoverStore _covers = new();
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly InMemoryEmailOutbox _outbox = new();

    private readonly InMemoryTwoFactorStore _twoFactor = new();

    public InMemoryAccountErasureContract()
    {
        Erasure = new InMemoryAccountErasure(_users, _books, _covers, new InMemoryAuthorRepository(), _tokens, new InMemoryAccountCodeStore(), _twoFactor, _outbox);
        Callers = new InMemoryCallerStore(_users, _tokens, _twoFactor);
    }

    protected override IUserRepository Users => _users;

    protected override IAccountErasure Erasure { get; }

    protected override ICallerStore Callers { get; }

    protected override IBookRepository Books => _books;

    protected override ICoverStore Covers => _covers;

    protected override IRefreshTokenStore Tokens => _tokens;

    protected override IEmailOutbox Outbox => _outbox;

    protected override IOutboxQueue Queue => _outbox;
}
