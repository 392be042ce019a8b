using System.Text;
using CleanAuth.Application.Common.Exceptions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>The limits of an upload endpoint's multipart form, enforced while it is read.</summary>
public sealed record BoundedFormLimits(int MaxFieldBytes, long MaxFileBytes, int MaxParts);

/// <summary>
/// Reads an upload endpoint's multipart form with limits that hold while it is read: ASP.NET Core's form reader
/// buffers a text field whole before any length rule can see it, so a 10 MB "title" used to be read in full
/// before the 4,000-character rule refused it. Here a field is refused at its limit's first byte past, and a
/// form of more parts than a book has is refused at the part that is one too many. The form it reads is the
/// one the endpoint's <c>[FromForm]</c> binding then uses.
/// </summary>
public static class BoundedMultipartForm
{
    public static IApplicationBuilder UseBoundedMultipartForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BoundedFormLimits>() is { } limits
            && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type))
        {
            if (type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
                    ?? throw new BadHttpRequestException("The multipart form names no boundary.");
                context.Features.Set<IFormFeature>(new FormFeature(await ReadAsync(context.Request.Body, boundary, limits, context.RequestAborted)));
            }
            else if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                // Any other body (a URL-encoded form carries no file) may hold at most every field at its limit.
                size.MaxRequestBodySize = (long)limits.MaxFieldBytes * limits.MaxParts;
                if (context.Request.ContentLength > size.MaxRequestBodySize)
                {
                    throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
                }
            }
        }

        await next(context);
    });

    private static async Task<IFormCollection> ReadAsync(Stream body, string boundary, BoundedFormLimits limits, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 8, HeadersLengthLimit = 4 * 1024 };
        var fields = new KeyValueAccumulator();
        var files = new FormFileCollection();
        try
        {
            for (var parts = 1; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (parts > limits.MaxParts)
                {
                    throw Invalid("form", $"A form has at most {limits.MaxParts} parts.");
                }

                var disposition = section.GetContentDispositionHeader() ?? throw new BadHttpRequestException("A form part has no Content-Disposition.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var content = await ReadAtMostAsync(section.Body, limits.MaxFileBytes, cancellationToken) ?? throw TooLarge(limits);
                    files.Add(new FormFile(new MemoryStream(content, 0, content.Length, writable: false, publiclyVisible: true), 0, content.Length, name,
                        HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "")
                    { Headers = new HeaderDictionary(section.Headers) });
                }
                else
                {
                    var value = await ReadAtMostAsync(section.Body, limits.MaxFieldBytes, cancellationToken)
                        ?? throw Invalid(name, $"{name} is too long (at most {limits.MaxFieldBytes} bytes).");
                    fields.Append(name, Encoding.UTF8.GetString(value));
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or (IOException and not BadHttpRequestException))
        {
            throw new BadHttpRequestException("Malformed multipart form.", StatusCodes.Status400BadRequest, ex);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limits); // The body passed the endpoint's size limit: the client needs the file's limit, not Kestrel's.
        }

        return new FormCollection(fields.GetResults(), files);
    }

    // The 413 names the limit (issue 25): a client cannot otherwise tell how much smaller the file must be.
    private static ContentTooLargeException TooLarge(BoundedFormLimits limits) => new(limits.MaxFileBytes % (1024 * 1024) == 0
        ? $"The file is too large: at most {limits.MaxFileBytes / (1024 * 1024)} MB."
        : $"The file is too large: at most {limits.MaxFileBytes} bytes.");

    private static ValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [field] = [message] });

    // The part's bytes, or null as soon as it proves longer than the limit (the rest is never read).
    private static async Task<byte[]?> ReadAtMostAsync(Stream part, long limit, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await part.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > limit)
            {
                return null;
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }
}
