namespace CleanAuth.Application.Common.Logging;

/// <summary>
/// Where the logging behaviour reports which use case a request ran and how it ended, so the host can put
/// both on its one log line per request (docs/logging.md, ADR 0037) instead of a second line per use case.
/// </summary>
public interface IUseCaseOutcome
{
    /// <param name="useCase">The MediatR request type, e.g. <c>GetCurrentUserQuery</c>.</param>
    /// <param name="outcome"><c>Succeeded</c>, the rejection's exception type (<c>NotFoundException</c>), or <c>Faulted</c>.</param>
    void Record(string useCase, string outcome);
}
