using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeClientContext : IClientContext
{
    public string? ClientIp { get; set; } = "203.0.113.7";

    public string? TraceId { get; set; } = "4bf92f3577b34da6a3ce929d0e0e4736";

    public string? UserAgent { get; set; } = "UnitTest/1.0";

    public string? DeviceToken { get; set; }
}
