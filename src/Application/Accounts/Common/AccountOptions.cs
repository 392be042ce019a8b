using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>Email confirmation and password reset (section <c>Accounts</c>, ADR 0040).</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// When true, a login with the right password to an account whose email is not confirmed gets a 403 of its
    /// own type instead of tokens. Off by default, so clients written before confirmation existed keep working.
    /// </summary>
    public bool RequireConfirmedEmail { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Accounts:ConfirmationCodeLifetime must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan ConfirmationCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Accounts:ResetCodeLifetime must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan ResetCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long after the sign-in that started a session its tokens may still do what needs a recent sign-in
    /// (<c>IRequireRecentSignIn</c>, ADR 0047); refreshes do not renew it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00", ErrorMessage = "Accounts:RecentSignIn must be between 00:00:30 and 1.00:00:00.")]
    public TimeSpan RecentSignIn { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an entry of an account's activity is kept (ADR 0054); older ones are swept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Accounts:ActivityRetention must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan ActivityRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How many failed sign-ins one account's activity keeps at most (the newest); successes are bounded by the retention alone.</summary>
    [Range(10, 10_000, ErrorMessage = "Accounts:ActivityFailureLimit must be between 10 and 10000.")]
    public int ActivityFailureLimit { get; set; } = 100;
}

/// <summary>
/// The links in the emails (section <c>Email</c>; the delivery settings of the same section are the mail
/// adapter's). <c>{email}</c> and <c>{code}</c> are replaced, URL-escaped, so a web app, a mobile app's
/// universal link or any page of the operator's can complete the flow.
/// </summary>
public sealed class EmailLinkOptions
{
    public const string Section = "Email";

    [Required(ErrorMessage = "Email:ConfirmUrl is required.")]
    [RegularExpression(@"^https?://\S*\{code\}\S*$", ErrorMessage = "Email:ConfirmUrl must be an http(s) URL containing {code}.")]
    public string ConfirmUrl { get; set; } = "http://localhost:3000/confirm-email?email={email}&code={code}";

    [Required(ErrorMessage = "Email:ResetUrl is required.")]
    [RegularExpression(@"^https?://\S*\{code\}\S*$", ErrorMessage = "Email:ResetUrl must be an http(s) URL containing {code}.")]
    public string ResetUrl { get; set; } = "http://localhost:3000/reset-password?email={email}&code={code}";
}
