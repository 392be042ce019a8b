namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Where the current request comes from, for security events; implemented by the web layer.</summary>
public interface IClientContext
{
    string? ClientIp { get; }

    string? TraceId { get; }
}
