namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Where the current request comes from, for security events and sign-in admission; implemented by the web layer.</summary>
public interface IClientContext
{
    string? ClientIp { get; }

    string? TraceId { get; }

    /// <summary>The request's <c>User-Agent</c> header as sent (unchecked, uncapped); null if none.</summary>
    string? UserAgent { get; }

    /// <summary>The device token the client presented (the <c>Device-Token</c> header, ADR 0046), unchecked; null if none.</summary>
    string? DeviceToken { get; }
}
