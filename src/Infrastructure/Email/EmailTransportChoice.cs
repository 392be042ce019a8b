using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// Outside Development the mail transport is a choice (ADR 0048): with neither <c>Email:Delivery</c> nor
/// <c>Email:Smtp:Host</c> set, the start is refused, instead of production mail silently becoming files on a disk.
/// Development defaults to the pickup folder, the zero-setup run.
/// </summary>
public sealed class EmailTransportChoice(IHostEnvironment environment) : IValidateOptions<EmailDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailDeliveryOptions options) =>
        options.Delivery is not null || options.Smtp.IsConfigured || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "Email:Delivery is not set: outside Development choose how mail leaves, Email:Delivery=Smtp with Email:Smtp:Host, " +
                "or Email:Delivery=Pickup to write .eml files to <Storage:DataPath>/mail-pickup.");
}
