using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher, with the iteration count from configuration.</summary>
public sealed class IdentityPasswordHasher : CleanAuth.Application.Accounts.Ports.IPasswordHasher
{
    private readonly PasswordHasher<User> _hasher;
    private readonly string _dummyHash;

    public IdentityPasswordHasher(IOptions<PasswordOptions> options)
    {
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.Iterations,
        }));
        _dummyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString());
    }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordVerification Verify(string? passwordHash, string password)
    {
        var result = VerifyOrFail(passwordHash ?? _dummyHash, password);
        return passwordHash is null ? PasswordVerification.Failed : result switch
        {
            PasswordVerificationResult.Success => PasswordVerification.Succeeded,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordVerification.SucceededRehashNeeded,
            _ => PasswordVerification.Failed,
        };
    }

    private PasswordVerificationResult VerifyOrFail(string passwordHash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(null!, passwordHash, password);
        }
        catch (FormatException)
        {
            // A damaged stored hash is a failed sign-in, not a server error; the dummy check keeps the timing.
            _hasher.VerifyHashedPassword(null!, _dummyHash, password);
            return PasswordVerificationResult.Failed;
        }
    }
}
