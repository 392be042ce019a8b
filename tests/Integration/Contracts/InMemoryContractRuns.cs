using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Tests.Fakes;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

// The unit tests' in-memory stores run the same contract as the real ones, so a fake cannot drift from them
// (ADR 0036). A new instance per test, as each test class gets its own fakes in the unit tests.

public sealed class InMemoryUserRepositoryContract : UserRepositoryContract
{
    protected override IUserRepository Repository { get; } = new InMemoryUserRepository();

    [StoreFact]
    public Task Concurrent_adds_of_one_email_admit_exactly_one() => Concurrent_adds_of_one_email_admit_exactly_one_core();
}

public sealed class InMemoryLibraryStoreContract : LibraryStoreContract
{
    private static readonly InMemoryAuthorRepository SharedAuthors = new();

    protected override IBookRepository Books { get; } = new InMemoryBookRepository { Authors = SharedAuthors };

    protected override IAuthorRepository Authors { get; } = SharedAuthors;

    protected override ICoverStore Covers { get; } = new InMemoryCoverStore();
}

public sealed class InMemoryRefreshTokenStoreContract : RefreshTokenStoreContract
{
    protected override IRefreshTokenStore Store { get; } = new InMemoryRefreshTokenStore();
}
