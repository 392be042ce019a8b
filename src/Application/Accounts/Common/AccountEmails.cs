using System.Globalization;
using System.Net;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// The words of the two emails: the code itself (for a client that asks for it to be typed), a link built from the
/// configured template (for one that reads it from the URL) and how long the code lives. The HTML escapes
/// everything that came from a user or from configuration. Until the address is confirmed the mail names no one
/// (ADR 0043): whoever registered it chose the name, and the mailbox's owner may never have seen it.
/// </summary>
public sealed class AccountEmails(IOptions<EmailLinkOptions> options)
{
    public const string ConfirmationKind = "EmailConfirmation";
    public const string ResetKind = "PasswordReset";

    public EmailMessage Render(User user, AccountCodePurpose purpose, string code, TimeSpan lifetime)
    {
        var confirmation = purpose == AccountCodePurpose.EmailConfirmation;
        var link = Link(confirmation ? options.Value.ConfirmUrl : options.Value.ResetUrl, user.Email, code);
        var life = Describe(lifetime);
        var name = user.EmailConfirmed ? user.Name : "";
        var greeting = name.Length > 0 ? $"Hello {name}," : "Hello,";
        var (subject, intro, action, ignore) = confirmation
            ? ("Confirm your email address",
                "Please confirm that this address is yours.",
                "confirm your address",
                "If you did not create an account, ignore this email; nothing happens without the code.")
            : ("Reset your password",
                "Someone (hopefully you) asked to reset the password of your account.",
                "choose a new password",
                "If it was not you, ignore this email: your password stays as it is.");

        var text = $"""
            {greeting}

            {intro}
            Your code is: {code}
            It works once and expires in {life}.

            Or open this link to {action}:
            {link}

            {ignore}
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>{WebUtility.HtmlEncode(greeting)}</p>
            <p>{intro}</p>
            <p>Your code is: <strong style="font-family:monospace;font-size:1.3em">{code}</strong><br>It works once and expires in {life}.</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Open this link to {action}</a></p>
            <p>{ignore}</p>
            </body></html>
            """;
        return new EmailMessage(confirmation ? ConfirmationKind : ResetKind, user.Email, name, subject, text, html);
    }

    public static string Link(string template, string email, string code) => template
        .Replace("{email}", Uri.EscapeDataString(email), StringComparison.Ordinal)
        .Replace("{code}", Uri.EscapeDataString(code), StringComparison.Ordinal);

    private static string Describe(TimeSpan lifetime) => lifetime.TotalHours >= 1 && lifetime.TotalHours == Math.Floor(lifetime.TotalHours)
        ? Plural((int)lifetime.TotalHours, "hour")
        : Plural((int)Math.Ceiling(lifetime.TotalMinutes), "minute");

    private static string Plural(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
}
