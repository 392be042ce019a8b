using System.Globalization;
using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>Predictable ObjectId-shaped ids: 000000000000000000000001, 000000000000000000000002, ...</summary>
public sealed class SequentialIdGenerator : IIdGenerator
{
    private long _next;

    public string NewId() => Interlocked.Increment(ref _next).ToString("x24", CultureInfo.InvariantCulture);
}
