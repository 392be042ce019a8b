using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>An ASP.NET Core form file seen through the Application's <see cref="IUploadedFile"/> port.</summary>
public sealed class FormUpload(IFormFile file) : IUploadedFile
{
    public long Length => file.Length;

    public Stream OpenReadStream() => file.OpenReadStream();

    public static IUploadedFile? From(IFormFile? file) => file is null ? null : new FormUpload(file);
}
