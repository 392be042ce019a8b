using System.Text.Json;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>Reading captured CLEF events.</summary>
public static class ClefEvent
{
    public static string? Str(this JsonElement logEvent, string property) =>
        logEvent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(this JsonElement logEvent, string property) =>
        logEvent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static bool IsRequestEvent(this JsonElement logEvent, string path) =>
        logEvent.Int("@i") == 3100 && logEvent.Str("RequestPath") == path;
}
