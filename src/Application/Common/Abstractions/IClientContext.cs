namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Where the current request comes from, for security events and sign-in admission; implemented by the web layer.</summary>
public interface IClientContext
{
    string? ClientIp { get; }

    string? TraceId { get; }

    /// <summary>The <c>User-Agent</c> the client sent, cut to <see cref="ClientContextRules.MaxUserAgentLength"/> characters; null if none.</summary>
    string? UserAgent { get; }

    /// <summary>The device token the client presented (the <c>Device-Token</c> header, ADR 0046), unchecked; null if none.</summary>
    string? DeviceToken { get; }
}

public static class ClientContextRules
{
    /// <summary>
    /// Longer user agents are cut: enough to tell browsers and apps apart, and a stored one (a session's, an activity
    /// entry's) must not let a client fill the store.
    /// </summary>
    public const int MaxUserAgentLength = 256;

    /// <summary>The user agent cut to <see cref="MaxUserAgentLength"/>, never through a surrogate pair; null when empty.</summary>
    public static string? Cap(string? agent) => agent switch
    {
        null or "" => null,
        { Length: <= MaxUserAgentLength } => agent,
        _ => agent[..(char.IsHighSurrogate(agent[MaxUserAgentLength - 1]) ? MaxUserAgentLength - 1 : MaxUserAgentLength)],
    };
}
