using System.Diagnostics;
using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>The client IP and trace id of the current request, for security events.</summary>
public sealed class HttpClientContext(IHttpContextAccessor accessor) : IClientContext
{
    public string? ClientIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? TraceId => Activity.Current?.TraceId.ToString() ?? accessor.HttpContext?.TraceIdentifier;
}
