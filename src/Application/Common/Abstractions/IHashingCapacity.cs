namespace CleanAuth.Application.Common.Abstractions;

/// <summary>
/// Bounds how many password hashes run at once. Each costs about 0.1 s of a core by design, so without a bound a
/// flood of sign-in attempts takes every core and every other route queues behind it. Implementations throw
/// <see cref="Exceptions.ServiceBusyException"/> when no slot comes within a short wait.
/// </summary>
public interface IHashingCapacity
{
    /// <summary>A slot for one request from <paramref name="client"/>; disposing it frees the slot.</summary>
    Task<IDisposable> EnterAsync(string? client, CancellationToken cancellationToken);
}

/// <summary>Marks a request whose handler hashes or verifies a password: it runs inside an <see cref="IHashingCapacity"/> slot.</summary>
public interface IHashesPassword;

/// <summary>No bound: what runs when no adapter provides one (the unit tests' pipeline).</summary>
public sealed class UnboundedHashingCapacity : IHashingCapacity
{
    private sealed class NoSlot : IDisposable
    {
        public void Dispose()
        {
        }
    }

    public Task<IDisposable> EnterAsync(string? client, CancellationToken cancellationToken) => Task.FromResult<IDisposable>(new NoSlot());
}
