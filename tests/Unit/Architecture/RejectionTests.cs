using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>One rejection type (ADR 0034): every refusal derives from it, and each kind has exactly one status.</summary>
public sealed class RejectionTests
{
    [Fact]
    public void Every_application_exception_but_the_store_outage_and_the_image_fact_is_a_rejection()
    {
        var exceptions = typeof(RejectionException).Assembly.GetTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && t != typeof(RejectionException))
            .ToArray();

        exceptions.Should().HaveCountGreaterThanOrEqualTo(9);
        // The adapters' facts never leave the application: CoverUploader words the image's as the cover field's
        // validation error (AddBookCommandHandlerTests); the passkey use cases word the WebAuthn check's as their 400/401.
        exceptions.Where(t => !typeof(RejectionException).IsAssignableFrom(t))
            .Should().BeEquivalentTo([typeof(StorageUnavailableException), typeof(InvalidImageException), typeof(CleanAuth.Application.Passkeys.Ports.PasskeyVerificationException)]);
    }

    [Fact]
    public void Every_kind_maps_to_a_client_error_or_busy()
    {
        foreach (var kind in Enum.GetValues<RejectionKind>())
        {
            var status = ProblemDetailsExceptionHandler.StatusOf(kind);
            (status is >= 400 and < 500 || (kind == RejectionKind.Busy && status == 503)).Should().BeTrue("{0} maps to {1}", kind, status);
        }
    }

    [Fact]
    public void A_specific_conflict_is_still_a_409()
    {
        ProblemDetailsExceptionHandler.StatusOf(new DuplicateSomething().Kind).Should().Be(409);
    }

    private sealed class DuplicateSomething() : ConflictException("Taken.");
}
