using System.Text;
using CsCheck;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>A field of a JSON body, with what its route refuses.</summary>
/// <param name="Name">The JSON member name.</param>
/// <param name="IsBool">A boolean field (the others are strings).</param>
/// <param name="MaxLength">The validator's limit, or null when any length up to the body limit is accepted.</param>
/// <param name="RefusesControlChars">Whether an (escaped) control character in it gets a 400.</param>
/// <param name="Optional">Whether leaving it out, or null, is still a valid request.</param>
public sealed record JsonField(string Name, bool IsBool = false, int? MaxLength = null, bool RefusesControlChars = false, bool Optional = false);

/// <summary>
/// A route taking a JSON body, and a body for it that is valid except for the one field (or the one aspect)
/// a generator breaks. <see cref="AlwaysRefused"/> routes refuse even their best body here (a login with a
/// wrong password, an unknown refresh token), so every field-level damage there is a 4xx as well.
/// </summary>
public sealed record JsonRoute(string Route, bool NeedsOwnerToken, bool AlwaysRefused, IReadOnlyList<JsonField> Fields, Func<FuzzModel, int, Dictionary<string, string>> BaseBody)
{
    public static readonly IReadOnlyList<JsonRoute> All =
    [
        new(FuzzRoutes.Register, NeedsOwnerToken: false, AlwaysRefused: false,
            [new("name", MaxLength: 100, RefusesControlChars: true), new("email", MaxLength: 254, RefusesControlChars: true), new("password", MaxLength: 128)],
            (m, n) => Strings(("name", "Fuzzy Malformed"), ("email", $"refused-{n}@example.com"), ("password", "a passphrase nobody uses"))),
        // The owner's email with a wrong password: nothing here can sign in. (The owner never signs in again, so a lockout costs nothing.)
        new(FuzzRoutes.Login, NeedsOwnerToken: false, AlwaysRefused: true,
            [new("email", MaxLength: 254), new("password", MaxLength: 128), new("twoFactorCode", MaxLength: 6, Optional: true), new("recoveryCode", MaxLength: 16, Optional: true)],
            (m, _) => Strings(("email", m.Owner.Email), ("password", "not the owner's password"))),
        new(FuzzRoutes.Refresh, NeedsOwnerToken: false, AlwaysRefused: true,
            [new("refreshToken")],
            (_, _) => Strings(("refreshToken", "not-a-refresh-token"))),
        // Logging out with an unknown token is a 204 by design, so only the field's type, presence and size are wrong here.
        new(FuzzRoutes.Logout, NeedsOwnerToken: false, AlwaysRefused: false,
            [new("refreshToken")],
            (_, _) => Strings(("refreshToken", "not-a-refresh-token"))),
        // A code nobody was sent: nothing here confirms or resets (the owner's own codes only lose tries).
        new(FuzzRoutes.ConfirmEmail, NeedsOwnerToken: false, AlwaysRefused: true,
            [new("email", MaxLength: 254, RefusesControlChars: true), new("code", MaxLength: 64)],
            (m, _) => Strings(("email", m.Owner.Email), ("code", "0000-0000-0000"))),
        new(FuzzRoutes.ResendConfirmation, NeedsOwnerToken: false, AlwaysRefused: false,
            [new("email", MaxLength: 254, RefusesControlChars: true)],
            (_, n) => Strings(("email", $"refused-{n}@example.com"))),
        new(FuzzRoutes.ForgotPassword, NeedsOwnerToken: false, AlwaysRefused: false,
            [new("email", MaxLength: 254, RefusesControlChars: true)],
            (_, n) => Strings(("email", $"refused-{n}@example.com"))),
        new(FuzzRoutes.ResetPassword, NeedsOwnerToken: false, AlwaysRefused: true,
            [new("email", MaxLength: 254, RefusesControlChars: true), new("code", MaxLength: 64), new("newPassword", MaxLength: 128)],
            (m, _) => Strings(("email", m.Owner.Email), ("code", "0000-0000-0000"), ("newPassword", "another long passphrase"))),
        new(FuzzRoutes.UpdateMe, NeedsOwnerToken: true, AlwaysRefused: false,
            [new("name", MaxLength: 100, RefusesControlChars: true)],
            (_, _) => Strings(("name", "Renamed By Junk"))),
        // A wrong current password: nothing here can change the owner's password (their token must keep working).
        new(FuzzRoutes.ChangePassword, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("currentPassword", MaxLength: 128), new("newPassword", MaxLength: 128)],
            (_, _) => Strings(("currentPassword", "not the owner's password"), ("newPassword", "another long passphrase"))),
        // The owner never sets up a second factor, so enabling one is refused (no setup) even with a well-formed code;
        // disabling and regenerating get a wrong password (counted toward a lockout the owner never meets: it never signs in again).
        new(FuzzRoutes.EnableTwoFactor, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("code", MaxLength: 6)],
            (_, _) => Strings(("code", "123456"))),
        new(FuzzRoutes.DisableTwoFactor, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("password", MaxLength: 128)],
            (_, _) => Strings(("password", "not the owner's password"))),
        new(FuzzRoutes.RegenerateRecoveryCodes, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("password", MaxLength: 128)],
            (_, _) => Strings(("password", "not the owner's password"))),
        // A wrong password: nothing here can erase the owner (counted toward a lockout the owner never meets).
        new(FuzzRoutes.EraseMe, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("password", MaxLength: 128), new("twoFactorCode", MaxLength: 6, Optional: true), new("recoveryCode", MaxLength: 16, Optional: true)],
            (_, _) => Strings(("password", "not the owner's password"))),
        // Passkeys: a ceremony nobody began, so no credential can verify (and the owner's address is unconfirmed: 403);
        // `credential` is an object (PublicKeyCredential.toJSON()), so a string or number there is its wrong type.
        new(FuzzRoutes.RegisterPasskey, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("ceremonyId"), new("credential"), new("name", MaxLength: 64, Optional: true)],
            (_, _) => new(StringComparer.Ordinal) { ["ceremonyId"] = Bodies.Quote(UnknownId), ["credential"] = Credential, ["name"] = Bodies.Quote("Laptop") }),
        new(FuzzRoutes.PasskeySignIn, NeedsOwnerToken: false, AlwaysRefused: true,
            [new("ceremonyId"), new("credential")],
            (_, _) => new(StringComparer.Ordinal) { ["ceremonyId"] = Bodies.Quote(UnknownId), ["credential"] = Credential }),
        // The owner has no passkey, so renaming one is a 404 whatever the name.
        new(FuzzRoutes.RenamePasskey, NeedsOwnerToken: true, AlwaysRefused: true,
            [new("name", MaxLength: 64)],
            (_, _) => Strings(("name", "Old laptop"))),
        new(FuzzRoutes.CreateAuthor, NeedsOwnerToken: true, AlwaysRefused: false,
            [new("name", MaxLength: 100, RefusesControlChars: true), new("country", MaxLength: 100, RefusesControlChars: true, Optional: true), new("bookerPrize", IsBool: true, Optional: true)],
            (_, _) => new(StringComparer.Ordinal) { ["name"] = "\"Junk Author\"", ["country"] = "\"Nowhere\"", ["bookerPrize"] = "false" }),
    ];

    private static Dictionary<string, string> Strings(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => Bodies.Quote(f.Value), StringComparer.Ordinal);

    /// <summary>The id of the id routes here: well-formed, but nothing has it.</summary>
    public const string UnknownId = "0123456789abcdef01234567";

    /// <summary>A credential of the shape a browser sends, for a ceremony that was never begun.</summary>
    private const string Credential =
        "{\"id\":\"AAEC\",\"rawId\":\"AAEC\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}";

    public FuzzRequest Send(FuzzModel model, HttpContent body, string? token = null) =>
        FuzzRequest.To(Route, Route.Contains("{id}", StringComparison.Ordinal) ? UnknownId : null, body, token ?? (NeedsOwnerToken ? model.Owner.Session!.AccessToken : null));

    public string BodyWith(FuzzModel model, string field, string? json)
    {
        var body = BaseBody(model, model.Next());
        if (json is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = json;
        }

        return Bodies.Object(body.Select(kv => (kv.Key, kv.Value)));
    }
}

/// <summary>Generators of malformed requests to the JSON routes, one per kind of damage.</summary>
public static class JsonJunk
{
    private static readonly Gen<JsonRoute> Route = Gen.OneOf([.. JsonRoute.All]);

    private static Gen<(JsonRoute Route, JsonField Field)> RouteAndField(Func<JsonRoute, JsonField, bool> applies) =>
        Gen.OneOf([.. JsonRoute.All.SelectMany(r => r.Fields.Where(f => applies(r, f)).Select(f => (r, f)))]);

    public static readonly Gen<FuzzCase> WrongType = Gen.Select(RouteAndField((_, _) => true), Junk.WrongTypeForString, Junk.WrongTypeForBool,
        (target, forString, forBool) => Refused(Categories.WrongJsonType, m =>
            target.Route.Send(m, Bodies.Json(target.Route.BodyWith(m, target.Field.Name, target.Field.IsBool ? forBool : forString)))));

    public static readonly Gen<FuzzCase> OperatorObject = Gen.Select(RouteAndField((_, f) => !f.IsBool), Junk.OperatorObject,
        (target, json) => Refused(Categories.OperatorObject, m => target.Route.Send(m, Bodies.Json(target.Route.BodyWith(m, target.Field.Name, json)))));

    public static readonly Gen<FuzzCase> DeepNesting = Gen.Select(Route, Junk.DeepNesting,
        (route, json) => Refused(Categories.DeepNesting, m => route.Send(m, Bodies.Json(json))));

    public static readonly Gen<FuzzCase> Huge = Gen.Select(RouteAndField((_, f) => !f.IsBool), Junk.Huge,
        (target, text) => Refused(Categories.HugeString, m => target.Route.Send(m, Bodies.Json(target.Route.BodyWith(m, target.Field.Name, Bodies.Quote(text))))));

    public static readonly Gen<FuzzCase> OverLong = RouteAndField((r, f) => f.MaxLength is not null || (r.AlwaysRefused && !f.IsBool))
        .SelectMany(target => Junk.Longer(target.Field.MaxLength ?? 128).Select(text => Refused(Categories.OverLongField, m =>
            target.Route.Send(m, Bodies.Json(target.Route.BodyWith(m, target.Field.Name, Bodies.Quote(text)))))));

    public static readonly Gen<FuzzCase> Missing = RouteAndField((_, f) => !f.Optional).SelectMany(target => Gen.Bool.Select(asNull =>
        Refused(Categories.MissingField, m => target.Route.Send(m, Bodies.Json(target.Route.BodyWith(m, target.Field.Name, asNull ? "null" : null))))));

    /// <summary>Raw bytes that are not UTF-8, inside a string value, where the parser must notice them.</summary>
    public static readonly Gen<FuzzCase> InvalidUtf8 = Gen.Select(RouteAndField((_, f) => !f.IsBool), Junk.InvalidUtf8,
        (target, bytes) => Refused(Categories.InvalidUtf8, m =>
        {
            const string marker = "\"@@INVALID@@\"";
            var text = target.Route.BodyWith(m, target.Field.Name, marker);
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            byte[] body = [.. Encoding.UTF8.GetBytes(text[..(at + 1)]), .. bytes, .. Encoding.UTF8.GetBytes(text[(at + marker.Length - 1)..])];
            return target.Route.Send(m, Bodies.Raw(body, "application/json"));
        }));

    /// <summary>A control character sent raw (which JSON forbids) in any string, or escaped in a field that refuses it.</summary>
    public static readonly Gen<FuzzCase> ControlChars = Gen.Select(RouteAndField((_, f) => !f.IsBool), Junk.ControlChar, Gen.Int[0, 20], Gen.Bool,
        (target, control, position, raw) => Refused(Categories.ControlChars, m =>
        {
            // Escaped, the character is valid JSON, so only a field whose validator refuses it gets a 400.
            // Raw, a C0 character makes the JSON itself invalid (JSON allows DEL and C1 raw, so those are folded into C0).
            var escapedIsRefused = target.Field.RefusesControlChars || target.Route.AlwaysRefused;
            var json = escapedIsRefused && !raw
                ? Bodies.Quote(Junk.WithControl("control", control, position))
                : "\"" + Junk.WithControl("control", (char)(control % 32), position) + "\"";
            return target.Route.Send(m, Bodies.Json(target.Route.BodyWith(m, target.Field.Name, json)));
        }));

    public static readonly Gen<FuzzCase> Broken = Gen.Select(Route, Junk.BrokenJson,
        (route, json) => Refused(Categories.MalformedJson, m => route.Send(m, Bodies.Json(json))));

    /// <summary>The route's own valid-shaped body under a content type it does not read.</summary>
    public static readonly Gen<FuzzCase> WrongContentType = Gen.Select(Route.Where(r => r.Route != FuzzRoutes.Login), Junk.NonJsonContentType,
        (route, type) => Refused(Categories.WrongContentType, m =>
            route.Send(m, Bodies.Raw(Encoding.UTF8.GetBytes(Bodies.Object(route.BaseBody(m, m.Next()).Select(kv => (kv.Key, kv.Value)))), type))));

    /// <summary>The login also reads forms; these are forms it cannot read, or without the fields.</summary>
    public static readonly Gen<FuzzCase> BrokenLoginForm = Gen.OneOf(0, 1, 2, 3, 4).Select(kind => Refused(Categories.MissingPart, m =>
    {
        var route = JsonRoute.All.Single(r => r.Route == FuzzRoutes.Login);
        return route.Send(m, kind switch
        {
            0 => Bodies.Multipart([Part.Text("email", m.Owner.Email)], "multipart/form-data"),
            1 => Bodies.Multipart([Part.Text("email", m.Owner.Email)], closed: false),
            2 => Bodies.UrlEncoded(("password", "whatever it is")),
            3 => Bodies.Raw(Encoding.UTF8.GetBytes("email=" + new string('e', Junk.OverBodyLimit)), "application/x-www-form-urlencoded"),
            _ => Bodies.Raw(Encoding.UTF8.GetBytes("{\"email\":\"x\"}"), "application/x-www-form-urlencoded"),
        });
    }));

    private static FuzzCase Refused(string category, Func<FuzzModel, FuzzRequest> plan) => new(category, Expected.ClientError, plan);
}
