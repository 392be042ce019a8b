using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>An in-memory <see cref="IAccountCodeStore"/>: one code per (user, purpose), each decision under one lock as the stores decide it in one write.</summary>
public sealed class InMemoryAccountCodeStore : IAccountCodeStore
{
    private readonly Dictionary<(UserId, AccountCodePurpose), (string Hash, DateTimeOffset ExpiresAt)> _codes = [];
    private readonly Lock _gate = new();

    /// <summary>Every hash issued, in order (a test can check that no code is ever stored in the clear).</summary>
    public List<string> IssuedHashes { get; } = [];

    public int ConsumeCalls { get; private set; }

    public Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _codes[(userId, purpose)] = (codeHash, expiresAt);
            IssuedHashes.Add(codeHash);
        }

        return Task.CompletedTask;
    }

    public Task<CodeCheck> TryConsumeAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ConsumeCalls++;
            var live = _codes.TryGetValue((userId, purpose), out var code) && code.ExpiresAt > now;
            if (live && code.Hash == codeHash)
            {
                _codes.Remove((userId, purpose));
                return Task.FromResult(CodeCheck.Consumed);
            }

            return Task.FromResult(live ? CodeCheck.Wrong : CodeCheck.NoLiveCode);
        }
    }
}
