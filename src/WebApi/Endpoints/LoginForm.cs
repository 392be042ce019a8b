using System.Text.Json;
using CleanAuth.Application.Auth.Login;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Binds a login sent either as JSON or as form fields, as clients of the older APIs do.</summary>
public sealed record LoginForm(LoginCommand Command)
{
    public static async ValueTask<LoginForm?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                return new LoginForm(new LoginCommand(
                    form["email"].ToString(), form["password"].ToString(), Optional(form["twoFactorCode"]), Optional(form["recoveryCode"])));
            }
            catch (Exception ex) when (ex is InvalidDataException or (IOException and not BadHttpRequestException))
            {
                // A form without a boundary, an over-long key, too many fields: the client's mistake, a 400.
                throw new BadHttpRequestException("Malformed form.", StatusCodes.Status400BadRequest, ex);
            }
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Unsupported content type.", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var command = await request.ReadFromJsonAsync<LoginCommand>(options, context.RequestAborted);
            return new LoginForm(command ?? throw new BadHttpRequestException("Empty body."));
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("Malformed JSON.", ex);
        }
    }

    // A form field left out, or sent empty by an HTML form without a second factor, is no code at all.
    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrEmpty(value) ? null : value.ToString();
}
