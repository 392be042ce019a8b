namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The header a device token travels in, both ways (ADR 0046): the login's 200 carries a fresh one, and the client
/// sends its latest on later sign-ins. A header rather than a cookie: the API's clients are not only browsers, and a
/// header is never sent by a browser on its own.
/// </summary>
public static class DeviceTokenHeader
{
    public const string Name = "Device-Token";
}
