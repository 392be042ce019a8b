using System.Diagnostics;

namespace CleanAuth.Application.Common.Tracing;

/// <summary>
/// The use cases' span source. <see cref="ActivitySource"/> is part of the BCL, so Application stays free of
/// OpenTelemetry; the composition root subscribes to <see cref="SourceName"/> (any ActivityListener can).
/// </summary>
public static class UseCaseTracing
{
    public const string SourceName = "CleanAuth.Application";

    /// <summary>Span tag: the MediatR request type (<c>LoginCommand</c>).</summary>
    public const string RequestNameTag = "cleanauth.request.name";

    /// <summary>Span tag: <c>succeeded</c>, <c>rejected</c> (an expected refusal: 4xx) or <c>faulted</c>.</summary>
    public const string OutcomeTag = "cleanauth.request.outcome";

    public static readonly ActivitySource Source = new(SourceName);
}
