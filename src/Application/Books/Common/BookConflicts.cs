using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Books.Common;

/// <summary>The owner already has a book with this (normalized) title: found by a handler's check, or by the store's unique index.</summary>
public sealed class DuplicateBookTitleException() : ConflictException("You already have a book with this title.");

/// <summary>The book was changed or deleted since it was read: the store's conditional write matched nothing.</summary>
public sealed class BookChangedException() : ConflictException("The book was changed by another request; retry.");
