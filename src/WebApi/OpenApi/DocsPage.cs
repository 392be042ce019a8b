using Scalar.AspNetCore;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// The Scalar page at <c>/scalar</c>: it stays home. Its script is served by the API itself (no CDN) and the CDN fonts
/// are off, so it works offline; the hosted-service toolbar (Share, Generate SDK, Deploy, Configure), the AI agent,
/// MCP and telemetry are off, so no click sends the API document or the reader to an outside service. The bearer
/// scheme is preselected: once a token is pasted, "Send" carries it.
/// </summary>
public static class DocsPage
{
    public static void Configure(ScalarOptions options) => options
        .WithTitle("CleanAuth API")
        .DisableDefaultFonts()
        .ExpandAllTags()
        .HideDeveloperTools()
        .DisableAgent()
        .DisableMcp()
        .DisableTelemetry()
        .WithDotNetFlag(false)
        .AddPreferredSecuritySchemes([BearerSecuritySchemeTransformer.SchemeName]);
}
