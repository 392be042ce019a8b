namespace CleanAuth.Application.Common.Exceptions;

/// <summary>What kind of refusal a <see cref="RejectionException"/> is; the web layer maps each kind to one status.</summary>
public enum RejectionKind
{
    Invalid,
    NotFound,
    Conflict,
    Unauthorized,
    Forbidden,
    UnsupportedMedia,
    ContentTooLarge,
    Busy,
    PreconditionFailed,
}

/// <summary>
/// An answer the client caused (a 4xx, or a 503 for want of capacity), as opposed to a fault: logged and traced as
/// a rejection, never with a stack. Its message is safe to show to the client. Everything that maps these to a
/// status matches this type, so a new subclass needs no other change.
/// </summary>
public abstract class RejectionException(RejectionKind kind, string message) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;

    /// <summary>A problem <c>type</c> of its own for a refusal a client must tell apart from others of its status; null for the status's.</summary>
    public virtual string? ProblemType => null;
}

/// <summary>One or more fields of a request are invalid. Keys are field names, values their messages.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : RejectionException(RejectionKind.Invalid, "One or more validation errors occurred.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException ForField(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : RejectionException(RejectionKind.NotFound, message);

/// <summary>The request clashes with what is stored (409). Not sealed: each conflict the stores report is a type of its own, worded beside its feature.</summary>
public class ConflictException(string message) : RejectionException(RejectionKind.Conflict, message);

/// <summary>The caller is not (or no longer) authenticated.</summary>
public sealed class UnauthorizedException(string message) : RejectionException(RejectionKind.Unauthorized, message);

/// <summary>The caller may not do this (403). Not sealed: a refusal the client must tell apart gets a type of its own.</summary>
public class ForbiddenException(string message) : RejectionException(RejectionKind.Forbidden, message);

/// <summary>The content is not of a kind this endpoint accepts (415).</summary>
public sealed class UnsupportedMediaException(string message) : RejectionException(RejectionKind.UnsupportedMedia, message);

/// <summary>The content is larger than this endpoint accepts (413).</summary>
public sealed class ContentTooLargeException(string message) : RejectionException(RejectionKind.ContentTooLarge, message);

/// <summary>The service has no capacity for this request right now (503 with Retry-After); retrying shortly may succeed.</summary>
public sealed class ServiceBusyException(string message) : RejectionException(RejectionKind.Busy, message);

/// <summary>
/// A conditional request's precondition (<c>If-Match</c>) does not hold (412): the resource is at another revision,
/// whose tag the answer carries so the client can re-read and retry.
/// </summary>
public sealed class PreconditionFailedException(string message, string currentETag) : RejectionException(RejectionKind.PreconditionFailed, message)
{
    public string CurrentETag { get; } = currentETag;
}

/// <summary>The store could not be reached; the request may succeed if retried later. A fault, not a rejection.</summary>
public sealed class StorageUnavailableException(string message, Exception innerException)
    : Exception(message, innerException);
