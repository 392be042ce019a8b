using System.Collections.Concurrent;
using System.Reflection;
using CleanAuth.Domain.Common;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.Logging;

/// <summary>Which property names count as secrets, and what is written in their place.</summary>
public static class SensitiveData
{
    public const string Mask = "***";

    // Anywhere in the name: these are never harmless.
    private static readonly string[] Contains = ["password", "passwd", "secret", "authorization", "cookie", "credential"];

    // At the end of the name: AccessToken, RefreshToken, SigningKey, ApiKey — but not TokenType or KeyPath.
    private static readonly string[] EndsWith = ["token", "key", "jwt"];

    // Every event asks about each of its ~15 property names, nearly always the same few dozen names: the
    // answers are remembered. Names can also come from data (a dictionary's keys), so the memory is bounded.
    private const int RememberedNames = 1024;
    private static readonly ConcurrentDictionary<string, bool> Answers = new(StringComparer.Ordinal);

    // Counted here: ConcurrentDictionary.Count takes every lock, which each unseen name would pay once the memory is full.
    private static int _remembered;

    public static bool IsSensitiveName(string name)
    {
        if (Answers.TryGetValue(name, out var sensitive))
        {
            return sensitive;
        }

        sensitive = Decide(name);
        if (Volatile.Read(ref _remembered) < RememberedNames && Answers.TryAdd(name, sensitive))
        {
            Interlocked.Increment(ref _remembered);
        }

        return sensitive;
    }

    private static bool Decide(string name)
    {
        var trimmed = name.TrimStart('@', '$');
        return Contains.Any(word => trimmed.Contains(word, StringComparison.OrdinalIgnoreCase))
            || EndsWith.Any(word => trimmed.EndsWith(word, StringComparison.OrdinalIgnoreCase));
    }

    public static ScalarValue MaskValue { get; } = new(Mask);
}

/// <summary>
/// Masks, on every event and at any depth, each property whose name marks it as a secret: whether it
/// was logged as <c>{Password}</c>, came from a scope or the diagnostic context, or sits inside a destructured object.
/// </summary>
public sealed class SensitiveDataEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        // Nearly every event has nothing to mask: look first, copy the properties only to change one.
        List<LogEventProperty>? changes = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = SensitiveData.IsSensitiveName(name) ? SensitiveData.MaskValue : MaskWithin(value);
            if (!ReferenceEquals(masked, value))
            {
                (changes ??= []).Add(new LogEventProperty(name, masked));
            }
        }

        foreach (var change in changes ?? [])
        {
            logEvent.AddOrUpdateProperty(change);
        }
    }

    /// <summary>The same value with sensitive members masked, or the very same instance when there were none.</summary>
    public static LogEventPropertyValue MaskWithin(LogEventPropertyValue value)
    {
        switch (value)
        {
            case StructureValue structure:
                {
                    var changed = false;
                    var properties = structure.Properties.Select(p =>
                    {
                        var masked = SensitiveData.IsSensitiveName(p.Name) ? SensitiveData.MaskValue : MaskWithin(p.Value);
                        changed |= !ReferenceEquals(masked, p.Value);
                        return new LogEventProperty(p.Name, masked);
                    }).ToList();
                    return changed ? new StructureValue(properties, structure.TypeTag) : value;
                }

            case DictionaryValue dictionary:
                {
                    var changed = false;
                    var elements = dictionary.Elements.Select(e =>
                    {
                        var masked = e.Key.Value is string key && SensitiveData.IsSensitiveName(key) ? SensitiveData.MaskValue : MaskWithin(e.Value);
                        changed |= !ReferenceEquals(masked, e.Value);
                        return new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, masked);
                    }).ToList();
                    return changed ? new DictionaryValue(elements) : value;
                }

            case SequenceValue sequence:
                {
                    var elements = sequence.Elements.Select(MaskWithin).ToList();
                    return elements.Where((e, i) => !ReferenceEquals(e, sequence.Elements[i])).Any() ? new SequenceValue(elements) : value;
                }

            default:
                return value;
        }
    }
}

/// <summary>
/// Destructures an object that has a member marked <see cref="SensitiveAttribute"/> (whatever its name)
/// with that member masked. Objects without such a member are left to Serilog's default destructuring.
/// </summary>
public sealed class SensitiveDestructuringPolicy : IDestructuringPolicy
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Plans = new();

    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, out LogEventPropertyValue result)
    {
        var plan = Plans.GetOrAdd(value.GetType(), PlanFor);
        if (plan is null)
        {
            result = null!;
            return false;
        }

        result = new StructureValue(
            plan.Select(p => new LogEventProperty(p.Name, IsMarked(p) || SensitiveData.IsSensitiveName(p.Name)
                ? SensitiveData.MaskValue
                : propertyValueFactory.CreatePropertyValue(Read(p, value), destructureObjects: true))),
            value.GetType().Name);
        return true;
    }

    private static PropertyInfo[]? PlanFor(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return null;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToArray();
        return properties.Any(IsMarked) ? properties : null;
    }

    // A positional record's parameter attribute lands on the constructor parameter unless it says `property:`; accept both.
    private static bool IsMarked(PropertyInfo property) =>
        property.IsDefined(typeof(SensitiveAttribute), inherit: true)
        || property.DeclaringType?.GetConstructors().SelectMany(c => c.GetParameters())
            .Any(p => string.Equals(p.Name, property.Name, StringComparison.Ordinal) && p.IsDefined(typeof(SensitiveAttribute), false)) == true;

    private static object? Read(PropertyInfo property, object value)
    {
        try
        {
            return property.GetValue(value);
        }
        catch (TargetInvocationException ex)
        {
            return $"The property accessor threw an exception: {ex.InnerException?.GetType().Name}";
        }
    }
}
