namespace CleanAuth.Application.Common.Abstractions;

/// <summary>
/// Marks a request that only a signed-in user holding <see cref="RequiredRole"/> may send. A null
/// role means this particular request needs no role (e.g. disabling one's own account).
/// </summary>
public interface IRequireRole : IRequireUser
{
    string? RequiredRole { get; }
}
