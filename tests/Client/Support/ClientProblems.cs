using CleanAuth.Tests.Client.Generated.Models;

namespace CleanAuth.Tests.Client.Support;

/// <summary>What a refusal looks like through the generated client: a typed problem exception.</summary>
public static class ClientProblems
{
    /// <summary>The call must fail with <typeparamref name="TProblem"/> (the typed error the generated client maps the status to).</summary>
    public static async Task<TProblem> ShouldFailAsync<TProblem>(Func<Task> call, int status)
        where TProblem : Exception
    {
        var thrown = await FluentActions.Awaiting(call).Should().ThrowExactlyAsync<TProblem>();
        var problem = thrown.Which;
        var (type, title, problemStatus, traceId) = problem switch
        {
            ProblemDetails p => (p.Type, p.Title, p.Status, p.TraceId),
            HttpValidationProblemDetails p => (p.Type, p.Title, p.Status, p.TraceId),
            _ => throw new InvalidOperationException(typeof(TProblem).Name),
        };
        problemStatus.Should().Be(status);
        ((Microsoft.Kiota.Abstractions.ApiException)(object)problem).ResponseStatusCode.Should().Be(status);
        // A refusal with a type of its own (e.g. email-not-confirmed, ADR 0040) keeps it; every other is typed by its status's RFC section.
        if (type?.StartsWith("urn:cleanauth:problem:", StringComparison.Ordinal) != true)
        {
            type.Should().StartWith("https://tools.ietf.org/html/rfc");
        }

        title.Should().NotBeNullOrWhiteSpace();
        traceId.Should().NotBeNullOrWhiteSpace();
        return problem;
    }
}
