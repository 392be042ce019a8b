using System.Diagnostics;
using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>The client IP, trace id, user agent and presented device token of the current request.</summary>
public sealed class HttpClientContext(IHttpContextAccessor accessor) : IClientContext
{
    public string? ClientIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? TraceId => Activity.Current?.TraceId.ToString() ?? accessor.HttpContext?.TraceIdentifier;

    public string? UserAgent => ClientContextRules.Cap(accessor.HttpContext?.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null);

    public string? DeviceToken => accessor.HttpContext?.Request.Headers[DeviceTokenHeader.Name] is { Count: 1 } token ? token.ToString() : null;
}
