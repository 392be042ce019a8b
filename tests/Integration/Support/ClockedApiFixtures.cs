using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>The API over the embedded store on a fake clock that tests move forward.</summary>
public sealed class ClockedEmbeddedApiFixture : IAsyncLifetime
{
    public ClockedEmbeddedApiFixture() => Api = CleanAuthApi.Embedded(clock: new FakeTimeProvider(DateTimeOffset.UtcNow));

    public CleanAuthApi Api { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>The API over a fresh Mongo-wire server on a fake clock that tests move forward.</summary>
public sealed class ClockedMongoWireApiFixture : IAsyncLifetime
{
    private MongoWireServer? _server;

    public CleanAuthApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MongoWireServer.StartAsync();
        Api = CleanAuthApi.Mongo(_server.ConnectionString("cleanauth"), clock: new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>One Mongo-wire server for a test class whose tests start their own API hosts on it.</summary>
public sealed class MongoWireServerFixture : IAsyncLifetime
{
    public MongoWireServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MongoWireServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
