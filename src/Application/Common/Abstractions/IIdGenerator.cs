namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Makes ids in the form the configured store indexes best.</summary>
public interface IIdGenerator
{
    string NewId();
}
