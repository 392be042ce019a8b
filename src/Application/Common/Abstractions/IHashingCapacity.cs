namespace CleanAuth.Application.Common.Abstractions;

/// <summary>
/// Bounds how many password hashes run at once. Each costs about 0.1 s of a core by design, so without a bound a
/// flood of sign-in attempts takes every core and every other route queues behind it. Implementations throw
/// <see cref="Exceptions.ServiceBusyException"/> when no slot comes within a short wait.
/// </summary>
public interface IHashingCapacity
{
    /// <summary>A slot in <paramref name="lane"/>; disposing it frees the slot.</summary>
    Task<IDisposable> EnterAsync(HashingLane lane, CancellationToken cancellationToken);
}

/// <summary>
/// Which slots a hash waits for (ADR 0046): a sign-in that presents a valid device token for the address it signs in
/// to has slots of its own, so a flood of anonymous guesses cannot keep a known client out.
/// </summary>
public enum HashingLane
{
    Anonymous,
    KnownDevice,
}

/// <summary>Marks a request whose handler hashes or verifies a password: it runs inside an <see cref="IHashingCapacity"/> slot.</summary>
public interface IHashesPassword;

/// <summary>A sign-in to <see cref="Email"/>: a device token the client presents for that address admits it to <see cref="HashingLane.KnownDevice"/>.</summary>
public interface ISignInToAddress : IHashesPassword
{
    string Email { get; }
}

/// <summary>No bound: what runs when no adapter provides one (the unit tests' pipeline).</summary>
public sealed class UnboundedHashingCapacity : IHashingCapacity
{
    private sealed class NoSlot : IDisposable
    {
        public void Dispose()
        {
        }
    }

    public Task<IDisposable> EnterAsync(HashingLane lane, CancellationToken cancellationToken) => Task.FromResult<IDisposable>(new NoSlot());
}
