namespace CleanAuth.Application.Common.Exceptions;

/// <summary>One or more fields of a request are invalid. Keys are field names, values their messages.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more validation errors occurred.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException ForField(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request clashes with what is stored (409). Not sealed: each conflict the stores report is a type of its own, worded beside its feature.</summary>
public class ConflictException(string message) : Exception(message);

/// <summary>The caller is not (or no longer) authenticated. Its message is safe to show to the client.</summary>
public sealed class UnauthorizedException(string message) : Exception(message);

public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The store could not be reached; the request may succeed if retried later.</summary>
public sealed class StorageUnavailableException(string message, Exception innerException)
    : Exception(message, innerException);

/// <summary>The content is not of a kind this endpoint accepts (415).</summary>
public sealed class UnsupportedMediaException(string message) : Exception(message);

/// <summary>The content is larger than this endpoint accepts (413).</summary>
public sealed class ContentTooLargeException(string message) : Exception(message);

/// <summary>The service has no capacity for this request right now (503 with Retry-After); retrying shortly may succeed.</summary>
public sealed class ServiceBusyException(string message) : Exception(message);
