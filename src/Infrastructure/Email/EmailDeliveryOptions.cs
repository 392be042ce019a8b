using System.ComponentModel.DataAnnotations;
using System.Net;
using MailKit.Security;
using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// How the outbox's mail leaves (ADR 0039): by SMTP or into the pickup folder, as <see cref="Delivery"/> says (ADR 0048).
/// </summary>
public sealed class EmailDeliveryOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>
    /// <c>Smtp</c> or <c>Pickup</c>. Unset: SMTP when <c>Email:Smtp:Host</c> is set, else the pickup folder in Development
    /// and a refused start anywhere else (<see cref="EmailTransportChoice"/>), so production mail never lands on a disk unasked.
    /// </summary>
    [EnumDataType(typeof(EmailTransport), ErrorMessage = "Email:Delivery must be Smtp or Pickup.")]
    public EmailTransport? Delivery { get; set; }

    /// <summary>Whether mail goes to the SMTP server; otherwise to the pickup folder. The choice itself is validated at start.</summary>
    public bool SendsBySmtp => Delivery == EmailTransport.Smtp || (Delivery is null && Smtp.IsConfigured);

    /// <summary>The sender, <c>address</c> or <c>Display Name &lt;address&gt;</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Email:From is required.")]
    public string From { get; set; } = "CleanAuth <no-reply@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// How often the sender looks for due mail, give or take a random fifth (<see cref="NextPollDelay"/>). Nothing else
    /// wakes it (ADR 0042), so this is how long mail waits to leave: at most 1.2 × the interval, half that on average.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Email:PollInterval must be between 00:00:00.050 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before the next round: <see cref="PollInterval"/> × (0.8 + 0.4 × <paramref name="unit"/>), unit in [0, 1).</summary>
    public TimeSpan NextPollDelay(double unit) => PollInterval * (0.8 + (0.4 * Math.Clamp(unit, 0, 1)));

    /// <summary>The wait after the first failed attempt; it doubles with every further one, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Email:RetryBaseDelay must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Email:RetryMaxDelay must be between 00:00:00.010 and 1.00:00:00.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts before a message is given up (about 1.5 days with the default delays).</summary>
    [Range(1, 1000, ErrorMessage = "Email:MaxAttempts must be between 1 and 1000.")]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>
    /// How long a claimed message belongs to its sender; after it, another instance may send it again. The claim is
    /// taken again for a whole lease right before each send, and the send is cut off at <see cref="SendTimeLimit"/>,
    /// so only a sender that died loses its claim.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Email:ClaimLease must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one send may take: three quarters of the lease, the last quarter left for recording its outcome.</summary>
    public TimeSpan SendTimeLimit => ClaimLease - (ClaimLease / 4);

    /// <summary>How long the envelope of a given-up message (address, name, error) is kept for an operator before it is deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Email:GivenUpRetention must be between 01:00:00 and 3650.00:00:00.")]
    public TimeSpan GivenUpRetention { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 500, ErrorMessage = "Email:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(From) && (!MailboxAddress.TryParse(From, out var from) || from.Domain is not { Length: > 0 }))
        {
            yield return new ValidationResult("Email:From is not an email address (address@domain or Name <address@domain>).", [nameof(From)]);
        }

        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Email:RetryMaxDelay must not be shorter than Email:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }

        // MailKit's timeout is per I/O step and a send takes several: the cut-off must leave room for a few of them.
        if (SendTimeLimit < 2 * Smtp.Timeout)
        {
            yield return new ValidationResult(
                "Email:ClaimLease must be long enough for a send (three quarters of it) to take two Email:Smtp:Timeout.", [nameof(ClaimLease)]);
        }

        if (Delivery == EmailTransport.Smtp && !Smtp.IsConfigured)
        {
            yield return new ValidationResult("Email:Delivery is Smtp but Email:Smtp:Host is not set.", [nameof(Delivery)]);
        }

        // A host that is set and then ignored would be a silent misconfiguration: the two settings must agree.
        if (Delivery == EmailTransport.Pickup && Smtp.IsConfigured)
        {
            yield return new ValidationResult("Email:Delivery is Pickup but Email:Smtp:Host is set: choose one.", [nameof(Delivery)]);
        }

        if (!string.IsNullOrEmpty(Smtp.Password) && string.IsNullOrEmpty(Smtp.UserName))
        {
            yield return new ValidationResult("Email:Smtp:Password is set without Email:Smtp:UserName.", ["Smtp.Password"]);
        }

        // AUTH over a plain connection gives the password to anyone on the path; on loopback there is no path.
        if (Smtp.Security == SmtpSecurity.None && !string.IsNullOrEmpty(Smtp.UserName) && Smtp.IsConfigured && !Smtp.IsLoopback)
        {
            yield return new ValidationResult(
                "Email:Smtp:UserName needs Email:Smtp:Security StartTls or Tls unless the host is on loopback.", ["Smtp.Security"]);
        }

        // Data annotations do not descend into nested objects by themselves.
        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(Smtp, new ValidationContext(Smtp), nested, validateAllProperties: true);
        foreach (var result in nested)
        {
            yield return result;
        }
    }
}

/// <summary>The SMTP server; <see cref="Password"/> is never logged.</summary>
public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP, mail goes to the pickup folder.</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Email:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    [EnumDataType(typeof(SmtpSecurity), ErrorMessage = "Email:Smtp:Security must be None, StartTls or Tls.")]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one connection, command or send may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Email:Smtp:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    internal bool IsLoopback => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    internal SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}

/// <summary>Smtp: to <c>Email:Smtp:Host</c>; Pickup: <c>.eml</c> files in <c>&lt;Storage:DataPath&gt;/mail-pickup</c>.</summary>
public enum EmailTransport
{
    Smtp,
    Pickup,
}

/// <summary>None: plain text (a local relay, tests); StartTls: upgrade on the submission port (587); Tls: TLS from the start (465).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}
