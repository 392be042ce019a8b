using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// Reports each request's use case and outcome to the host's request log line (<see cref="IUseCaseOutcome"/>),
/// and logs its name, caller, outcome and duration: a success at Debug (the request line already says it), a
/// rejection at Information, a fault at Warning. The request object itself is never logged: it may carry a
/// password or a token.
/// </summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(
    ILogger<LoggingBehaviour<TRequest, TResponse>> logger,
    ICallerIdentity caller,
    TimeProvider timeProvider,
    IUseCaseOutcome? outcome = null) : IPipelineBehavior<TRequest, TResponse>
{
    public const string Succeeded = "Succeeded";
    public const string Faulted = "Faulted";

    private static readonly string RequestName = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await next();
            outcome?.Record(RequestName, Succeeded);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                LogSucceeded(logger, RequestName, caller.UserId, Elapsed(started));
            }

            return response;
        }
        catch (RejectionException ex)
        {
            // A rejection is an answer, not a fault: the exception handler decides the status; no stack here.
            outcome?.Record(RequestName, ex.GetType().Name);
            LogRejected(logger, RequestName, caller.UserId, ex.GetType().Name, Elapsed(started));
            throw;
        }
        catch (Exception)
        {
            // The exception itself is logged once, with its stack, by the web layer's exception handler.
            outcome?.Record(RequestName, Faulted);
            LogFaulted(logger, RequestName, caller.UserId, Elapsed(started));
            throw;
        }
    }

    private double Elapsed(long started) =>
        Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 2);

    [LoggerMessage(EventId = 1000, EventName = "RequestSucceeded", Level = LogLevel.Debug,
        Message = "{RequestName} by {UserId} succeeded in {ElapsedMs} ms")]
    private static partial void LogSucceeded(ILogger logger, string requestName, string? userId, double elapsedMs);

    [LoggerMessage(EventId = 1001, EventName = "RequestRejected", Level = LogLevel.Information,
        Message = "{RequestName} by {UserId} was rejected with {Outcome} in {ElapsedMs} ms")]
    private static partial void LogRejected(ILogger logger, string requestName, string? userId, string outcome, double elapsedMs);

    [LoggerMessage(EventId = 1002, EventName = "RequestFaulted", Level = LogLevel.Warning,
        Message = "{RequestName} by {UserId} faulted in {ElapsedMs} ms")]
    private static partial void LogFaulted(ILogger logger, string requestName, string? userId, double elapsedMs);
}
