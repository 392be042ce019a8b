using System.Text.Json.Nodes;
using CleanAuth.Application.Books.ExportLibrary;
using CleanAuth.Application.Books.ImportLibrary;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>A whole library in and out (ADR 0057): import a Goodreads or CleanAuth CSV, export CSV or JSON.</summary>
public sealed class Library : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var library = app.MapSignedInGroup("/api/books", "Books");

        library.MapPost("/import", async ([FromForm] ImportForm? form, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(ImportReportResponse.From(await mediator.Send((form ?? new()).ToCommand(), ct))))
            .WithName("ImportBooks")
            .WithExamples(
                request: () => new JsonObject { ["file"] = "goodreads_library_export.csv", ["defaultCategory"] = "science" },
                response: () => new JsonObject
                {
                    ["imported"] = 2,
                    ["skipped"] = 1,
                    ["failed"] = 1,
                    ["errors"] = new JsonArray(new JsonObject { ["row"] = 4, ["field"] = "title", ["message"] = "Title is required." }),
                    ["stoppedAtRow"] = null,
                    ["ignoredColumns"] = new JsonArray("Book Id", "ISBN"),
                })
            .WithSummary("Imports a Goodreads export or CleanAuth's own CSV into the library.")
            .WithDescription("Multipart: `file` (CSV, at most 5 MB and 10,000 rows) and optional `defaultCategory`. A title you have is skipped; a bad row never stops the others; imported books have no cover. Rate-limited per user.")
            .AcceptsUpload(ImportLibraryCommand.MaxFileBytes, RateLimiting.Library);

        library.MapGet("/export", async ([FromQuery] string? format, IMediator mediator, CancellationToken ct) =>
                new LibraryExportResult(await mediator.Send(new ExportLibraryQuery(format), ct)))
            .WithName("ExportBooks")
            .WithSummary("The whole library as CSV or JSON, for import elsewhere or back.")
            .WithDescription("`format=csv` (default) or `json` (the account export's books.json). Streamed. Cells starting with = + - @ get a leading ' in CSV. Covers are not included. Rate-limited per user.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimiting.Library);
    }
}

/// <summary>Writes an export to the response as it is read from the store: nothing holds the whole library.</summary>
public sealed class LibraryExportResult(LibraryExport export) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = export.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        response.Headers.CacheControl = "no-store";
        await export.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
