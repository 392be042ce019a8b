namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Marks a request that only a signed-in, enabled user may send.</summary>
public interface IRequireUser;
