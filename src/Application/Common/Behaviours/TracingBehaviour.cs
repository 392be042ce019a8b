using System.Diagnostics;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Tracing;
using MediatR;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// One span per use case, named after the request type, child of whatever span is current (ASP.NET Core's
/// request span), so its trace id is the one in the logs and in a problem's <c>traceId</c>. Outermost, so the
/// span covers validation and the user check too. Costs nothing when nobody listens to the source.
/// </summary>
public sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string RequestName = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = UseCaseTracing.Source.StartActivity(RequestName, ActivityKind.Internal);
        activity?.SetTag(UseCaseTracing.RequestNameTag, RequestName);
        try
        {
            var response = await next();
            activity?.SetTag(UseCaseTracing.OutcomeTag, "succeeded");
            return response;
        }
        catch (Exception ex) when (activity is not null)
        {
            // A rejection (a 4xx) is a correct answer, so the span's status stays unset; a fault is an error.
            var rejected = ex is RejectionException;
            activity.SetTag(UseCaseTracing.OutcomeTag, rejected ? "rejected" : "faulted");
            activity.SetTag("error.type", ex.GetType().Name);
            if (!rejected)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            throw;
        }
    }
}
