using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Logging;

/// <summary>Puts the use case and its outcome on the current request's log line.</summary>
public sealed class HttpUseCaseOutcome(IHttpContextAccessor accessor) : IUseCaseOutcome
{
    public void Record(string useCase, string outcome)
    {
        if (accessor.HttpContext is { } context)
        {
            var request = RequestLogFeature.Of(context);
            request.UseCase = useCase;
            request.Outcome = outcome;
        }
    }
}
