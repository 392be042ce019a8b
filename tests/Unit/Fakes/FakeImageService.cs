using CleanAuth.Application.Books.Ports;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>Answers every upload with <see cref="Result"/>, or throws <see cref="Failure"/> when one is set.</summary>
public sealed class FakeImageService : IImageService
{
    public static readonly byte[] ThumbnailBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x74, 0x68, 0x75, 0x6D, 0x62];

    public ProcessedImage Result { get; set; } = new("image/png", 600, 900, ThumbnailBytes, "image/jpeg");

    public Exception? Failure { get; set; }

    /// <summary>Runs at the start of every call, e.g. to let a concurrent request act while an upload is processed.</summary>
    public Action? BeforeProcess { get; set; }

    /// <summary>The content of every call, in order.</summary>
    public List<byte[]> Calls { get; } = [];

    public Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        BeforeProcess?.Invoke();
        Calls.Add(content.ToArray());
        return Failure is null ? Task.FromResult(Result) : Task.FromException<ProcessedImage>(Failure);
    }
}
