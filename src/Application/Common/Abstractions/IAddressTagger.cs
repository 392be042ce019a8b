namespace CleanAuth.Application.Common.Abstractions;

/// <summary>
/// A short, stable tag for an email address in security events, so that an operator can tell one address hammered
/// from a spray over many without the address in the log (ADR 0040). Keyed with a server secret the same on every
/// instance, so that someone who reads the log cannot test a guessed address against it.
/// </summary>
public interface IAddressTagger
{
    /// <summary>The tag of <paramref name="email"/>'s normalized form: equal addresses get equal tags.</summary>
    string Tag(string email);
}
