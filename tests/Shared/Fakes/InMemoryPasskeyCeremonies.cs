using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>An in-memory <see cref="IPasskeyCeremonies"/>: a consume is decided under one lock, as each store decides it in one conditional delete.</summary>
public sealed class InMemoryPasskeyCeremonies : IPasskeyCeremonies
{
    private readonly Dictionary<string, PasskeyCeremony> _ceremonies = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ceremonies.Count;
            }
        }
    }

    public Task AddAsync(PasskeyCeremony ceremony, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var expired in _ceremonies.Values.Where(c => c.ExpiresAt <= now).ToList())
            {
                _ceremonies.Remove(expired.Id);
            }

            _ceremonies.Add(ceremony.Id, ceremony);
            return Task.CompletedTask;
        }
    }

    public Task<PasskeyCeremony?> TryConsumeAsync(string id, PasskeyCeremonyKind kind, UserId? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _ceremonies.GetValueOrDefault(id) is { } c && c.Kind == kind && c.UserId == userId && c.ExpiresAt > now && _ceremonies.Remove(id) ? c : null);
        }
    }
}
