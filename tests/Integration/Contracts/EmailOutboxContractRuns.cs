using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Tests.Fakes;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class EmbeddedEmailOutboxContract : EmailOutboxContract, IClassFixture<EmbeddedStoreFixture>
{
    private readonly EmbeddedStoreFixture _fixture;
    private readonly SqliteEmailOutbox _outbox;

    public EmbeddedEmailOutboxContract(EmbeddedStoreFixture fixture)
    {
        _fixture = fixture;
        _outbox = new SqliteEmailOutbox(fixture.Store, new ObjectIdGenerator(), Clock);
    }

    protected override IEmailOutbox Outbox => _outbox;

    protected override IOutboxQueue Queue => _outbox;

    protected override Task<(string Text, string Html)?> StoredBodiesAsync(string id)
    {
        using var connection = new SqliteConnection(_fixture.Store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT TextBody, HtmlBody FROM email_outbox WHERE Id = @id";
        command.Parameters.AddWithValue("@id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult<(string, string)?>(reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null);
    }
}

public sealed class MongoWireEmailOutboxContract : EmailOutboxContract, IClassFixture<MongoWireStoreFixture>
{
    private readonly MongoStore _store;
    private readonly MongoEmailOutbox _outbox;

    public MongoWireEmailOutboxContract(MongoWireStoreFixture fixture)
    {
        _store = fixture.Store;
        _outbox = new MongoEmailOutbox(fixture.Store, new ObjectIdGenerator(), Clock);
    }

    protected override IEmailOutbox Outbox => _outbox;

    protected override IOutboxQueue Queue => _outbox;

    protected override async Task<(string Text, string Html)?> StoredBodiesAsync(string id)
    {
        var document = await _store.EmailOutbox.Find(d => d.Id == ObjectId.Parse(id)).FirstOrDefaultAsync();
        return document is null ? null : (document.TextBody, document.HtmlBody);
    }
}

public sealed class InMemoryEmailOutboxContract : EmailOutboxContract
{
    private readonly InMemoryEmailOutbox _outbox;

    public InMemoryEmailOutboxContract() => _outbox = new InMemoryEmailOutbox(Clock);

    protected override IEmailOutbox Outbox => _outbox;

    protected override IOutboxQueue Queue => _outbox;

    protected override Task<(string Text, string Html)?> StoredBodiesAsync(string id) => Task.FromResult(_outbox.StoredBodies(id));
}

public sealed class RealMongoEmailOutboxContract : EmailOutboxContract, IClassFixture<RealMongoStoreFixture>, Support.INeedsRealMongo
{
    private readonly MongoStore? _store;

    public RealMongoEmailOutboxContract(RealMongoStoreFixture fixture) => _store = fixture.Store;

    private MongoStore Store => _store ?? throw new InvalidOperationException(Support.RealMongo.SkipReason);

    protected override IEmailOutbox Outbox => new MongoEmailOutbox(Store, new ObjectIdGenerator(), Clock);

    protected override IOutboxQueue Queue => new MongoEmailOutbox(Store, new ObjectIdGenerator(), Clock);

    protected override async Task<(string Text, string Html)?> StoredBodiesAsync(string id)
    {
        var document = await Store.EmailOutbox.Find(d => d.Id == ObjectId.Parse(id)).FirstOrDefaultAsync();
        return document is null ? null : (document.TextBody, document.HtmlBody);
    }
}
