using CleanAuth.Application.Common.Exceptions;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Infrastructure;

public static class UploadEndpoints
{
    /// <summary>Room for the form's text fields and multipart framing on top of the file itself.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>
    /// The largest text field: 4,000 characters of UTF-8 (the longest rule, a description) with room to spare.
    /// A longer one is refused while it is read, not after the whole of it has been buffered.
    /// </summary>
    public const int MaxFieldBytes = 20 * 1024;

    /// <summary>Parts a book form may have: its five fields and a few more, not thousands of empty ones.</summary>
    public const int MaxFormParts = 16;

    /// <summary>
    /// A multipart endpoint taking one file of at most <paramref name="maxFileBytes"/>: a larger body is
    /// refused with 413 before it is read; the form is buffered in memory, never on the server's disk.
    /// Rate-limited per user (policy <c>uploads</c>). Antiforgery is off because callers authenticate with a bearer header, which a browser never sends by itself.
    /// A field or file sent more than once is refused with 400 (see <see cref="RefuseRepeatedFieldsAsync"/>).
    /// </summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder, long maxFileBytes, string rateLimitPolicy = RateLimiting.Uploads)
    {
        var limit = maxFileBytes + FormOverheadBytes;
        return builder
            .DisableAntiforgery()
            .RequireRateLimiting(rateLimitPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .WithFormOptions(multipartBodyLengthLimit: limit, memoryBufferThreshold: (int)Math.Min(limit, int.MaxValue))
            .WithMetadata(new BoundedFormLimits(MaxFieldBytes, maxFileBytes, MaxFormParts))
            .AddEndpointFilter(RefuseRepeatedFieldsAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// Two titles, or two covers, leave it to the binder which one counts (it quietly took one), so the
    /// client cannot know what it stored. Refused instead, naming the repeated fields. Form keys compare
    /// case-insensitively, as the binder matches them.
    /// </summary>
    private static async ValueTask<object?> RefuseRepeatedFieldsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            // Already read and buffered by the binding; this does not read the body again.
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            var repeated = form.Where(field => field.Value.Count > 1).Select(field => field.Key)
                .Concat(form.Files.GroupBy(file => file.Name, StringComparer.OrdinalIgnoreCase).Where(files => files.Count() > 1).Select(files => files.Key))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (repeated.Count > 0)
            {
                throw new ValidationException(repeated.ToDictionary(name => name, name => new[] { $"Send {name} only once." }, StringComparer.OrdinalIgnoreCase));
            }
        }

        return await next(context);
    }
}
