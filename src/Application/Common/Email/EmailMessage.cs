namespace CleanAuth.Application.Common.Email;

/// <summary>
/// One rendered email: the use case decides the words (plain text and HTML, the recipient's name already
/// escaped in the HTML), the delivery side only adds the sender and sends it. <paramref name="Kind"/> names the
/// message for logs and metrics (e.g. "EmailConfirmation"), since the body may carry a secret code. An empty
/// <paramref name="ToName"/> puts the bare address in <c>To:</c>.
/// </summary>
public sealed record EmailMessage(string Kind, string ToAddress, string ToName, string Subject, string TextBody, string HtmlBody)
{
    // The bodies may carry a one-time code: keep them out of anything that prints the record.
    public override string ToString() => $"{nameof(EmailMessage)} {{ Kind = {Kind} }}";
}
