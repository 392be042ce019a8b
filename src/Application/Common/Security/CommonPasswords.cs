namespace CleanAuth.Application.Common.Security;

/// <summary>The common-password blocklist (see common-passwords.README.md for its source and licence).</summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password);

    // Stryker disable all: runs once per process (Lazy), before any mutant is switched on, so mutation testing cannot
    // reach it; the common-password cases of the registration validator's tests cover it.
    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("CleanAuth.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }

    // Stryker restore all
}
