namespace CleanAuth.Domain.Common;

/// <summary>
/// Marks a property whose value must never be written to a log: a password, a hash, a token, a key.
/// The web layer's logging masks it whenever an object carrying it is destructured.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = true)]
public sealed class SensitiveAttribute : Attribute;
