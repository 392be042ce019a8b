namespace CleanAuth.Application.Accounts.Ports;

public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>
    /// Checks a password against a stored hash. With a null hash it still does the work of one
    /// verification and fails, so that an unknown account takes as long as a wrong password.
    /// </summary>
    PasswordVerification Verify(string? passwordHash, string password);
}

public enum PasswordVerification
{
    Failed,
    Succeeded,
    SucceededRehashNeeded,
}
