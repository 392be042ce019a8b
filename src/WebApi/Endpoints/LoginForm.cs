using System.Text.Json;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.WebApi.Contracts;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Binds a login sent as JSON, as form fields or as an <c>Authorization: Basic</c> header, as clients of the older APIs do.</summary>
public sealed record LoginForm(LoginRequest Request)
{
    public static async ValueTask<LoginForm?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (BasicCredentials.Read(request) is var (email, password))
        {
            // Two sets of credentials would leave the server to guess which one the client meant.
            // Basic carries no second factor: an account with one answers two-factor-required, as a JSON login without a code.
            return request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0
                ? throw ValidationException.ForField(BasicCredentials.Field, BasicCredentials.BodyToo)
                : new LoginForm(new LoginRequest(email, password));
        }

        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                return new LoginForm(new LoginRequest(
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
            var login = await request.ReadFromJsonAsync<LoginRequest>(options, context.RequestAborted);
            return new LoginForm(login ?? throw new BadHttpRequestException("Empty body."));
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("Malformed JSON.", ex);
        }
    }

    // A form field left out, or sent empty by an HTML form without a second factor, is no code at all.
    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrEmpty(value) ? null : value.ToString();
}
