using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// Logs each request's name, caller, outcome and duration. The request object itself is never
/// logged: it may carry a password or a token.
/// </summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(
    ILogger<LoggingBehaviour<TRequest, TResponse>> logger,
    ICallerIdentity caller,
    TimeProvider timeProvider) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var requestName = typeof(TRequest).Name;
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await next();
            LogSucceeded(logger, requestName, caller.UserId, Elapsed(started));
            return response;
        }
        catch (RejectionException ex)
        {
            // A rejection is an answer, not a fault: the exception handler decides the status; no stack here.
            LogRejected(logger, requestName, caller.UserId, ex.GetType().Name, Elapsed(started));
            throw;
        }
        catch (Exception)
        {
            // The exception itself is logged once, with its stack, by the web layer's exception handler.
            LogFaulted(logger, requestName, caller.UserId, Elapsed(started));
            throw;
        }
    }

    private double Elapsed(long started) =>
        Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 2);

    [LoggerMessage(EventId = 1000, EventName = "RequestSucceeded", Level = LogLevel.Information,
        Message = "{RequestName} by {UserId} succeeded in {ElapsedMs} ms")]
    private static partial void LogSucceeded(ILogger logger, string requestName, string? userId, double elapsedMs);

    [LoggerMessage(EventId = 1001, EventName = "RequestRejected", Level = LogLevel.Information,
        Message = "{RequestName} by {UserId} was rejected with {Outcome} in {ElapsedMs} ms")]
    private static partial void LogRejected(ILogger logger, string requestName, string? userId, string outcome, double elapsedMs);

    [LoggerMessage(EventId = 1002, EventName = "RequestFaulted", Level = LogLevel.Warning,
        Message = "{RequestName} by {UserId} faulted in {ElapsedMs} ms")]
    private static partial void LogFaulted(ILogger logger, string requestName, string? userId, double elapsedMs);
}
