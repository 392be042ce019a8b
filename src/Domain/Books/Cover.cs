namespace CleanAuth.Domain.Books;

/// <summary>A stored image: which file holds it, its media type, and the strong validator of its bytes.</summary>
public sealed record StoredImage(string FileId, string ContentType, string ETag, long Length);

/// <summary>A book's cover as uploaded, its 150×150-fit thumbnail, and the cover's upright size.</summary>
public sealed record Cover(StoredImage Original, StoredImage Thumbnail, int Width, int Height);
