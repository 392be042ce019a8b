using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>An export archive that keeps each entry's bytes, in the order they were added.</summary>
public sealed class InMemoryExportArchive : IExportArchive
{
    private readonly List<(string Name, byte[] Content)> _entries = [];

    public IReadOnlyList<string> Names => [.. _entries.Select(e => e.Name)];

    public byte[] this[string name] => _entries.Single(e => e.Name == name).Content;

    public string Text(string name) => System.Text.Encoding.UTF8.GetString(this[name]);

    public System.Text.Json.JsonElement Json(string name) => System.Text.Json.JsonDocument.Parse(this[name]).RootElement;

    public async Task AddAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await write(stream, cancellationToken);
        _entries.Add((name, stream.ToArray()));
    }
}
