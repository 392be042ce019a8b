using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The embedded store's tables. Every rule that must hold under concurrency is a constraint here (unique
/// email, unique title per owner, one row per token hash), and library sizes are kept by triggers in the same
/// statement as the book they count. Ids are the 24-hex ObjectId strings both stores share; instants are UTC ticks.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Raised, with a step added to <see cref="Steps"/>, whenever the schema changes.</summary>
    public const int Version = 11;

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE users (
            Id TEXT PRIMARY KEY, Name TEXT NOT NULL, Email TEXT NOT NULL, NormalizedEmail TEXT NOT NULL UNIQUE,
            PasswordHash TEXT NOT NULL, SecurityStamp TEXT NOT NULL, Roles TEXT NOT NULL, Disabled INTEGER NOT NULL,
            CreatedAt INTEGER NOT NULL, UpdatedAt INTEGER NOT NULL, Version INTEGER NOT NULL, LastLoginAt INTEGER,
            FailedLoginCount INTEGER NOT NULL, LockoutEnd INTEGER) STRICT;

        CREATE TABLE books (
            Id TEXT PRIMARY KEY, OwnerId TEXT NOT NULL, Title TEXT NOT NULL, NormalizedTitle TEXT NOT NULL,
            Description TEXT NOT NULL, Category TEXT NOT NULL, AuthorId TEXT,
            CoverFileId TEXT NOT NULL, CoverContentType TEXT NOT NULL, CoverETag TEXT NOT NULL, CoverLength INTEGER NOT NULL,
            ThumbnailFileId TEXT NOT NULL, ThumbnailContentType TEXT NOT NULL, ThumbnailETag TEXT NOT NULL, ThumbnailLength INTEGER NOT NULL,
            CoverWidth INTEGER NOT NULL, CoverHeight INTEGER NOT NULL,
            CreatedAt INTEGER NOT NULL, UpdatedAt INTEGER NOT NULL, Version INTEGER NOT NULL,
            UNIQUE (OwnerId, NormalizedTitle)) STRICT;
        CREATE INDEX books_newest_first ON books (OwnerId, CreatedAt DESC, Id DESC);
        CREATE INDEX books_by_category ON books (OwnerId, Category, CreatedAt DESC, Id DESC);
        CREATE INDEX books_by_author ON books (OwnerId, AuthorId);

        """ + SqliteLibrarySizes.Schema + """

        CREATE TABLE authors (
            Id TEXT PRIMARY KEY, OwnerId TEXT NOT NULL, Name TEXT NOT NULL, Country TEXT NOT NULL,
            BookerPrize INTEGER NOT NULL, CreatedAt INTEGER NOT NULL) STRICT;
        CREATE INDEX authors_by_owner ON authors (OwnerId);

        CREATE TABLE covers (Id TEXT PRIMARY KEY, ContentType TEXT NOT NULL, Content BLOB NOT NULL) STRICT;

        CREATE TABLE refresh_tokens (
            Id TEXT PRIMARY KEY, TokenHash TEXT NOT NULL UNIQUE, UserId TEXT NOT NULL, FamilyId TEXT NOT NULL,
            SecurityStamp TEXT NOT NULL, CreatedAt INTEGER NOT NULL, ExpiresAt INTEGER NOT NULL,
            FamilyExpiresAt INTEGER NOT NULL, SpentAt INTEGER, RevokedAt INTEGER) STRICT;
        CREATE INDEX refresh_tokens_by_family ON refresh_tokens (FamilyId);
        CREATE INDEX refresh_tokens_by_user ON refresh_tokens (UserId);

        -- The readiness probe's row: a write proves the file can be written, not only read from the page cache.
        CREATE TABLE health (Id INTEGER PRIMARY KEY, CheckedAt INTEGER NOT NULL) STRICT;
        """,

        // Step 2 (ADR 0032). A refresh family's state is one row, changed only by conditional statements; a token
        // row maps a hash to its family. Tokens written by step 1 have no family row: those sessions end and
        // their users sign in again. Each author counts the books that name it, so that deleting it is one
        // conditional statement; the counts start from the books already stored.
        """
        CREATE TABLE refresh_families (
            Id TEXT PRIMARY KEY, UserId TEXT NOT NULL, SecurityStamp TEXT NOT NULL, CreatedAt INTEGER NOT NULL,
            ExpiresAt INTEGER NOT NULL, CurrentHash TEXT NOT NULL, CurrentExpiresAt INTEGER NOT NULL,
            RotatedAt INTEGER, RevokedAt INTEGER) STRICT;
        CREATE INDEX refresh_families_by_user ON refresh_families (UserId);
        CREATE INDEX refresh_families_by_expiry ON refresh_families (ExpiresAt);
        CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (FamilyExpiresAt);

        ALTER TABLE authors ADD COLUMN Books INTEGER NOT NULL DEFAULT 0;
        UPDATE authors SET Books = (SELECT count(*) FROM books WHERE books.OwnerId = authors.OwnerId AND books.AuthorId = authors.Id);
        """,

        // Step 3 (ADR 0039). The email outbox: a claim moves NextAttemptAt a lease ahead and sets ClaimToken in one
        // conditional UPDATE; a sent row is deleted, a given-up one keeps its envelope with blank bodies.
        """
        CREATE TABLE email_outbox (
            Id TEXT PRIMARY KEY, Kind TEXT NOT NULL, ToAddress TEXT NOT NULL, ToName TEXT NOT NULL, Subject TEXT NOT NULL,
            TextBody TEXT NOT NULL, HtmlBody TEXT NOT NULL, EnqueuedAt INTEGER NOT NULL, NextAttemptAt INTEGER NOT NULL,
            Attempts INTEGER NOT NULL, ClaimToken TEXT, LastError TEXT, GaveUpAt INTEGER) STRICT;
        CREATE INDEX email_outbox_due ON email_outbox (NextAttemptAt) WHERE GaveUpAt IS NULL;
        """,

        // Step 4 (ADR 0040). Emails are confirmed from here on: the accounts that exist already read as unconfirmed.
        // One row per (user, purpose) holds the live one-time code's hash.
        """
        ALTER TABLE users ADD COLUMN EmailConfirmed INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE account_codes (
            UserId TEXT NOT NULL, Purpose TEXT NOT NULL, CodeHash TEXT NOT NULL, ExpiresAt INTEGER NOT NULL,
            Attempts INTEGER NOT NULL, PRIMARY KEY (UserId, Purpose)) STRICT;
        """,

        // Step 5 (ADR 0041). The second factor lives apart from the user, one row per user: the secrets are
        // ciphertexts, LastStep is the latest accepted time step (replay is refused by a conditional UPDATE on it),
        // and each recovery code hash is a row of its own, so spending one is one conditional DELETE.
        """
        CREATE TABLE two_factor (
            UserId TEXT PRIMARY KEY, Secret TEXT, PendingSecret TEXT, EnabledAt INTEGER, LastStep INTEGER) STRICT;
        CREATE TABLE two_factor_recovery_codes (
            UserId TEXT NOT NULL, CodeHash TEXT NOT NULL, PRIMARY KEY (UserId, CodeHash)) STRICT, WITHOUT ROWID;
        """,

        // Step 6 (ADR 0047). A family keeps when the sign-in that started it happened (the access tokens' auth_time);
        // families from before have none, so their sessions never count as a recent sign-in.
        "ALTER TABLE refresh_families ADD COLUMN SignedInAt INTEGER;",

        // Step 7 (ADR 0055). An account being erased is marked first; user reads skip marked rows, and the sweep finds them.
        """
        ALTER TABLE users ADD COLUMN ErasingAt INTEGER;
        CREATE INDEX users_erasing ON users (ErasingAt) WHERE ErasingAt IS NOT NULL;
        """,
        // Step 8 (ADR 0057). A book may have no cover (an imported one): the cover columns become nullable, which
        // SQLite does only by rebuilding the table (its triggers and indexes go with it and are made again). The other
        // orders of the list get their (owner, key, id) indexes for keyset pages.
        """
        CREATE TABLE books_new (
            Id TEXT PRIMARY KEY, OwnerId TEXT NOT NULL, Title TEXT NOT NULL, NormalizedTitle TEXT NOT NULL,
            Description TEXT NOT NULL, Category TEXT NOT NULL, AuthorId TEXT,
            CoverFileId TEXT, CoverContentType TEXT, CoverETag TEXT, CoverLength INTEGER,
            ThumbnailFileId TEXT, ThumbnailContentType TEXT, ThumbnailETag TEXT, ThumbnailLength INTEGER,
            CoverWidth INTEGER, CoverHeight INTEGER,
            CreatedAt INTEGER NOT NULL, UpdatedAt INTEGER NOT NULL, Version INTEGER NOT NULL,
            UNIQUE (OwnerId, NormalizedTitle)) STRICT;
        INSERT INTO books_new SELECT Id, OwnerId, Title, NormalizedTitle, Description, Category, AuthorId,
            CoverFileId, CoverContentType, CoverETag, CoverLength, ThumbnailFileId, ThumbnailContentType, ThumbnailETag,
            ThumbnailLength, CoverWidth, CoverHeight, CreatedAt, UpdatedAt, Version FROM books;
        DROP TABLE books;
        ALTER TABLE books_new RENAME TO books;
        CREATE INDEX books_newest_first ON books (OwnerId, CreatedAt DESC, Id DESC);
        CREATE INDEX books_by_category ON books (OwnerId, Category, CreatedAt DESC, Id DESC);
        CREATE INDEX books_by_author ON books (OwnerId, AuthorId);
        CREATE INDEX books_by_updated ON books (OwnerId, UpdatedAt, Id);
        CREATE INDEX books_by_title ON books (OwnerId, NormalizedTitle, Id);
        """ + SqliteLibrarySizes.Triggers,
        // Step 9 (ADR 0053). A session keeps its sign-in's user agent (capped) and client address for its user to
        // recognise it; sessions from before have neither (null). Its last use is RotatedAt, set by the rotation itself.
        """
        ALTER TABLE refresh_families ADD COLUMN UserAgent TEXT;
        ALTER TABLE refresh_families ADD COLUMN ClientIp TEXT;
        """,
        // Step 10 (ADR 0054). Each account's activity, read newest first per user; Failed marks the entries the per-user
        // cap trims, and the sweep deletes by age.
        """
        CREATE TABLE activity (
            Id TEXT PRIMARY KEY, UserId TEXT NOT NULL, At INTEGER NOT NULL, Kind TEXT NOT NULL, Outcome TEXT NOT NULL,
            Failed INTEGER NOT NULL, ClientIp TEXT, UserAgent TEXT, SessionId TEXT) STRICT;
        CREATE INDEX activity_newest_first ON activity (UserId, At DESC, Id DESC);
        CREATE INDEX activity_failures ON activity (UserId, At DESC, Id DESC) WHERE Failed = 1;
        CREATE INDEX activity_by_age ON activity (At);
        """,
        // Step 11 (ADR 0058). Passkeys: the primary key is derived from the credential id, which is unique as well, so
        // one INSERT decides which account a credential belongs to. Ceremonies are consumed by one DELETE … RETURNING.
        """
        CREATE TABLE passkeys (
            Id TEXT PRIMARY KEY, UserId TEXT NOT NULL, CredentialId BLOB NOT NULL UNIQUE, PublicKey BLOB NOT NULL,
            SignCount INTEGER NOT NULL, BackupEligible INTEGER NOT NULL, BackedUp INTEGER NOT NULL, Transports TEXT NOT NULL,
            UserHandle BLOB NOT NULL, Name TEXT NOT NULL, CreatedAt INTEGER NOT NULL, LastUsedAt INTEGER) STRICT;
        CREATE INDEX passkeys_by_user ON passkeys (UserId, CreatedAt);
        CREATE TABLE passkey_ceremonies (
            Id TEXT PRIMARY KEY, Kind TEXT NOT NULL, UserId TEXT, Options TEXT NOT NULL, ExpiresAt INTEGER NOT NULL) STRICT;
        CREATE INDEX passkey_ceremonies_by_expiry ON passkey_ceremonies (ExpiresAt);
        """,
    ];

    /// <summary>Brings the file to <see cref="Version"/>, one transaction per step; a file at that version is left alone.</summary>
    public static void Ensure(SqliteConnection connection)
    {
        // Kept in the file: every later connection writes ahead to the log and readers never block the writer.
        connection.Execute("PRAGMA journal_mode = WAL;");
        var current = (int)connection.Scalar<long>("PRAGMA user_version;");
        if (current > Version)
        {
            throw new InvalidOperationException(
                $"The embedded store's file is at schema version {current}, newer than this version of CleanAuth knows ({Version}).");
        }

        for (var step = current; step < Version; step++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(Steps[step]);
            connection.Execute($"PRAGMA user_version = {step + 1};");
            transaction.Commit();
        }
    }
}
