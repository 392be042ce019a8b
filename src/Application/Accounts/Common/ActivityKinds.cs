using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>What happened to an account (ADR 0054): a closed set, sent as their camelCase names.</summary>
[JsonConverter(typeof(CamelCaseNames<ActivityKind>))]
public enum ActivityKind
{
    SignIn,
    PasswordChanged,
    PasswordReset,
    EmailConfirmed,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorReset,
    RecoveryCodeUsed,
    SignedOut,
    SignedOutEverywhere,
    AccountDisabled,
    AccountEnabled,
    PasskeyRegistered,
    PasskeyRemoved,
}

/// <summary>
/// How it ended: only reasons the account's owner may know. <see cref="SecondFactorRequired"/> means the password
/// was right and no second factor came with it (the first step of every two-factor sign-in).
/// </summary>
[JsonConverter(typeof(CamelCaseNames<ActivityOutcome>))]
public enum ActivityOutcome
{
    Succeeded,
    WrongPassword,
    WrongSecondFactor,
    SecondFactorRequired,
    Locked,
}

/// <summary>An enum sent and read as its members' camelCase names (<c>signIn</c>), like every JSON name here.</summary>
public sealed class CamelCaseNames<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
