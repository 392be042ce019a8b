using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>An in-memory <see cref="IAccountCodeStore"/>: one code per (user, purpose), each decision under one lock as the stores decide it in one write.</summary>
public sealed class InMemoryAccountCodeStore : IAccountCodeStore
{
    private readonly Dictionary<(UserId, AccountCodePurpose), (string Hash, DateTimeOffset ExpiresAt, int Attempts)> _codes = [];
    private readonly Lock _gate = new();

    /// <summary>Every hash issued, in order (a test can check that no code is ever stored in the clear).</summary>
    public List<string> IssuedHashes { get; } = [];

    public int ConsumeCalls { get; private set; }

    /// <summary>The presentations that missed the record of (user, purpose) since it was issued; null when there is none.</summary>
    public int? AttemptsOf(UserId userId, AccountCodePurpose purpose)
    {
        lock (_gate)
        {
            return _codes.TryGetValue((userId, purpose), out var code) ? code.Attempts : null;
        }
    }

    public Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _codes[(userId, purpose)] = (codeHash, expiresAt, 0);
            IssuedHashes.Add(codeHash);
        }

        return Task.CompletedTask;
    }

    public Task<CodeCheck> TryConsumeAsync(
        UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ConsumeCalls++;
            var found = _codes.TryGetValue((userId, purpose), out var code);
            var live = found && code.ExpiresAt > now && code.Attempts < maxAttempts;
            if (live && code.Hash == codeHash)
            {
                _codes.Remove((userId, purpose));
                return Task.FromResult(CodeCheck.Consumed);
            }

            // As the stores do: a miss writes the record whatever its state (created dead if missing).
            _codes[(userId, purpose)] = found ? code with { Attempts = code.Attempts + 1 } : ("", now, 1);
            return Task.FromResult(live ? CodeCheck.Wrong : CodeCheck.NoLiveCode);
        }
    }
}
