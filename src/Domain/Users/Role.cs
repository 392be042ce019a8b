namespace CleanAuth.Domain.Users;

public static class Role
{
    public const string Admin = "admin";
}
