using System.Net;
using System.Net.Http.Json;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Observability;

public sealed class FaultLoggingTests
{
    [Fact]
    public async Task A_500_is_logged_exactly_once_at_Error_with_its_exception_on_the_request_event()
    {
        var marker = "boom-" + Guid.NewGuid().ToString("N");
        await using var api = CleanAuthApi.Embedded();
        api.TestServices = services => services.AddSingleton<IUserRepository>(new FailingRepository(marker));
        using var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "x@example.com", password = "whatever it is" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        problem.GetRawText().Should().NotContain(marker);
        var request = await api.Logs.WaitForAsync(e => e.IsRequestEvent("/api/auth/login"));
        request.Str("@l").Should().Be("Error");
        request.Int("StatusCode").Should().Be(500);
        request.Str("@x").Should().Contain(marker).And.Contain(nameof(InvalidOperationException));
        request.Str("Route").Should().Be("/api/auth/login");
        await Task.Delay(200); // anything else the request logs has been written by now
        api.Logs.Events.Where(e => e.Str("@l") is "Error" or "Fatal").Should().ContainSingle("one 5xx, one Error event");
        api.Logs.Events.Count(e => e.Str("@x")?.Contains(marker, StringComparison.Ordinal) == true).Should().Be(1, "the exception is logged once");
    }

    private sealed class FailingRepository(string marker) : IUserRepository
    {
        public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task<User?> FindByIdAsync(UserId id, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task UpdateAsync(User user, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task<PagedList<User>> ListAsync(int page, int pageSize, string? emailContains, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(marker);

        public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task<bool> TryUpdateRemovingActiveAdminAsync(User user, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task<SignInReservation> ReserveSignInAttemptAsync(UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(marker);

        public Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);

        public Task ReplacePasswordHashAsync(UserId userId, string expectedHash, string newHash, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(marker);

        public Task MarkEmailConfirmedAsync(UserId userId, CancellationToken cancellationToken) => throw new InvalidOperationException(marker);
    }
}
