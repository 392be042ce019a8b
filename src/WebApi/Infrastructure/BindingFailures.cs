using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Words for the framework's binding refusals that teach the client what to change, without repeating what it sent:
/// a query or route value that does not bind names its parameter (as a field error, like a validator's), and a 415
/// names the content types the route accepts (from its endpoint's accepts metadata).
/// </summary>
public static partial class BindingFailures
{
    /// <summary>
    /// A 400 for a parameter the framework could not bind (e.g. <c>?page=abc</c>), naming the parameter; null for
    /// any other refusal. Read from the framework's message, whose sentence names the parameter's type and name (and
    /// the value, which is never repeated).
    /// </summary>
    public static HttpValidationProblemDetails? ParameterProblem(BadHttpRequestException exception)
    {
        var match = ParameterMessage().Match(exception.Message);
        if (exception.StatusCode != StatusCodes.Status400BadRequest || !match.Success)
        {
            return null;
        }

        // [AsParameters] records bind by their property names (PageSize); the client sent the camelCase one.
        var name = JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value);
        var message = match.Groups["missing"].Success ? $"{name} is required." : $"{name} must be {Expected(match.Groups["type"].Value)}.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ProblemShape.ValidationTitle,
        };
    }

    /// <summary>
    /// The 415's detail: what this route accepts, or a general sentence where the route does not say. Routing itself
    /// answers most 415s (the matched endpoint is then routing's own, without the route's metadata), so the route is
    /// looked up again by method and path.
    /// </summary>
    public static string UnsupportedMediaTypeDetail(HttpContext context) =>
        (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes
            ?? context.RequestServices.GetService<AcceptedContentTypes>()?.For(context.Request)) is { Count: > 0 } types
            ? $"This endpoint accepts a body of type {string.Join(" or ", types)}; send it with that Content-Type."
            : "Send the body as application/json (or as a form where the endpoint accepts one).";

    // The framework names a nullable type Nullable<int> (or int?), a plain one by its C# keyword.
    private static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "long" or "short" => "a whole number",
        "bool" => "true or false",
        "Guid" => "a GUID",
        "DateTime" or "DateTimeOffset" => "an ISO 8601 date and time",
        _ => "a valid value of its type",
    };

    // RequestDelegateFactory's two sentences: `Failed to bind parameter "int? page" from "abc".` and
    // `Required parameter "int page" was not provided from query string.`
    [GeneratedRegex("""^(?:Failed to bind parameter|Required parameter(?<missing>)) "(?<type>[^" ]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" (?:from "|was not provided)""")]
    private static partial Regex ParameterMessage();
}
