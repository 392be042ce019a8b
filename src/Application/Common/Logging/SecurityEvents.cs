using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

/// <summary>
/// The security events, each with a stable id and name (4000–4099), the user id when known, the
/// client IP and the trace id. Nothing here takes a password, a hash or a token. Declared by area: sign-in,
/// sessions and administration here; the emailed codes in <c>SecurityEvents.AccountCodes.cs</c>; the second
/// factor in <c>SecurityEvents.TwoFactor.cs</c>.
/// </summary>
public sealed partial class SecurityEvents(ILogger<SecurityEvents> logger, IClientContext client, IAddressTagger addressTagger)
{
    public void LoginSucceeded(UserId userId) => LogLoginSucceeded(logger, userId.Value, client.ClientIp, client.TraceId);

    /// <summary>The reason is for operators only; the client always gets the same 401.</summary>
    public void LoginFailed(UserId? userId, SignInFailure reason) => LogLoginFailed(logger, userId?.Value, reason, client.ClientIp, client.TraceId);

    public void AccountLocked(UserId userId, DateTimeOffset until) => LogAccountLocked(logger, userId.Value, until, client.ClientIp, client.TraceId);

    public void RefreshTokenReuseDetected(UserId userId, string familyId) =>
        LogRefreshTokenReuse(logger, userId.Value, familyId, client.ClientIp, client.TraceId);

    public void LoggedOut(UserId userId, string scope) => LogLoggedOut(logger, userId.Value, scope, client.ClientIp, client.TraceId);

    public void PasswordChanged(UserId userId) => LogPasswordChanged(logger, userId.Value, client.ClientIp, client.TraceId);

    public void AccountDisabled(UserId userId, UserId byUserId) => LogAccountDisabled(logger, userId.Value, byUserId.Value, client.ClientIp, client.TraceId);

    public void AccountEnabled(UserId userId, UserId byUserId) => LogAccountEnabled(logger, userId.Value, byUserId.Value, client.ClientIp, client.TraceId);

    public void RoleGranted(UserId userId, string role, UserId byUserId) =>
        LogRoleGranted(logger, userId.Value, role, byUserId.Value, client.ClientIp, client.TraceId);

    public void RoleRevoked(UserId userId, string role, UserId byUserId) =>
        LogRoleRevoked(logger, userId.Value, role, byUserId.Value, client.ClientIp, client.TraceId);

    public void AuthorizationDenied(UserId userId, string request, string requiredRole) =>
        LogAuthorizationDenied(logger, userId.Value, request, requiredRole, client.ClientIp, client.TraceId);

    /// <summary>A request that needs a recent sign-in came with an older one (or a session without a sign-in time).</summary>
    public void RecentSignInRequired(UserId userId, string request, DateTimeOffset? signedInAt) =>
        LogRecentSignInRequired(logger, userId.Value, request, signedInAt, client.ClientIp, client.TraceId);

    /// <summary>A reset proved an address that was never confirmed: what its registrant set is gone (ADR 0043).</summary>
    public void PreRegistrationCleared(UserId userId, bool twoFactorRemoved) =>
        LogPreRegistrationCleared(logger, userId.Value, twoFactorRemoved, client.ClientIp, client.TraceId);

    [LoggerMessage(EventId = 4000, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "Login succeeded for {UserId} from {ClientIp} ({TraceId})")]
    private static partial void LogLoginSucceeded(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4001, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "Login failed for {UserId} from {ClientIp}: {Reason} ({TraceId})")]
    private static partial void LogLoginFailed(ILogger logger, string? userId, SignInFailure reason, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4002, EventName = "AccountLocked", Level = LogLevel.Warning,
        Message = "Account {UserId} locked until {LockoutEnd} after repeated failed logins from {ClientIp} ({TraceId})")]
    private static partial void LogAccountLocked(ILogger logger, string userId, DateTimeOffset lockoutEnd, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4003, EventName = "RefreshTokenReuseDetected", Level = LogLevel.Warning,
        Message = "A spent refresh token of {UserId} was presented again from {ClientIp}; family {FamilyId} revoked ({TraceId})")]
    private static partial void LogRefreshTokenReuse(ILogger logger, string userId, string familyId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4004, EventName = "LoggedOut", Level = LogLevel.Information,
        Message = "{UserId} logged out ({Scope}) from {ClientIp} ({TraceId})")]
    private static partial void LogLoggedOut(ILogger logger, string userId, string scope, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4005, EventName = "PasswordChanged", Level = LogLevel.Information,
        Message = "{UserId} changed their password from {ClientIp}; every other session ended ({TraceId})")]
    private static partial void LogPasswordChanged(ILogger logger, string userId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4006, EventName = "AccountDisabled", Level = LogLevel.Information,
        Message = "Account {UserId} disabled by {ActorId} from {ClientIp} ({TraceId})")]
    private static partial void LogAccountDisabled(ILogger logger, string userId, string actorId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4007, EventName = "AccountEnabled", Level = LogLevel.Information,
        Message = "Account {UserId} enabled by {ActorId} from {ClientIp} ({TraceId})")]
    private static partial void LogAccountEnabled(ILogger logger, string userId, string actorId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4008, EventName = "RoleGranted", Level = LogLevel.Information,
        Message = "Role {Role} granted to {UserId} by {ActorId} from {ClientIp} ({TraceId})")]
    private static partial void LogRoleGranted(ILogger logger, string userId, string role, string actorId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4009, EventName = "RoleRevoked", Level = LogLevel.Information,
        Message = "Role {Role} revoked from {UserId} by {ActorId} from {ClientIp} ({TraceId})")]
    private static partial void LogRoleRevoked(ILogger logger, string userId, string role, string actorId, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4010, EventName = "AuthorizationDenied", Level = LogLevel.Warning,
        Message = "{UserId} was denied {RequestName}: role {RequiredRole} required; from {ClientIp} ({TraceId})")]
    private static partial void LogAuthorizationDenied(ILogger logger, string userId, string requestName, string requiredRole, string? clientIp, string? traceId);

    // Account takeover before the owner arrives (ADR 0043): 4030–4034.
    [LoggerMessage(EventId = 4030, EventName = "PreRegistrationCleared", Level = LogLevel.Warning,
        Message = "Password reset of {UserId}, whose address was never confirmed, cleared what was set before: two-factor removed {TwoFactorRemoved}; every session ended; from {ClientIp} ({TraceId})")]
    private static partial void LogPreRegistrationCleared(ILogger logger, string userId, bool twoFactorRemoved, string? clientIp, string? traceId);

    [LoggerMessage(EventId = 4040, EventName = "RecentSignInRequired", Level = LogLevel.Warning,
        Message = "{Request} by {UserId} from {ClientIp} refused: its session signed in at {SignedInAt}, not recently enough ({TraceId})")]
    private static partial void LogRecentSignInRequired(ILogger logger, string userId, string request, DateTimeOffset? signedInAt, string? clientIp, string? traceId);
}

public enum SignInFailure
{
    UnknownEmail,
    WrongPassword,
    LockedOut,
    Disabled,
    EmailNotConfirmed,
    TwoFactorRequired,
    TwoFactorFailed,
}

/// <summary>Why a code was not sent or not accepted: for operators only, the client's answer is always the same.</summary>
public enum AccountCodeFailure
{
    UnknownEmail,
    Disabled,
    AlreadyConfirmed,
    WrongCode,
    NoLiveCode,
}

/// <summary>Where a second factor was checked.</summary>
public enum TwoFactorPurpose
{
    Login,
    Enable,
    Erase,
}
