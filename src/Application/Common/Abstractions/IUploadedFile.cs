namespace CleanAuth.Application.Common.Abstractions;

/// <summary>A file that came with a request, without tying the Application to ASP.NET Core's form types.</summary>
public interface IUploadedFile
{
    long Length { get; }

    Stream OpenReadStream();
}
