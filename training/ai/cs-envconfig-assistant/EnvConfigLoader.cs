using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace EnvConfig;

/// <summary>
/// Populates plain settings classes from environment variables, using
/// <see cref="EnvAttribute"/> and <see cref="EnvRangeAttribute"/> on their properties.
/// </summary>
/// <example>
/// <code>
/// var settings = new EnvConfigLoader("MYAPP_").Load&lt;ServerSettings&gt;();
/// </code>
/// </example>
public sealed class EnvConfigLoader
{
    private readonly string _prefix;
    private readonly Func<string, string?> _lookup;

    /// <summary>Creates a loader that reads the process environment.</summary>
    /// <param name="prefix">Prefix prepended to every variable name, e.g. <c>"MYAPP_"</c>. May be empty.</param>
    public EnvConfigLoader(string prefix = "")
        : this(prefix, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>
    /// Creates a loader with a custom lookup function. This is mainly useful in tests,
    /// where mutating the real process environment would leak between test cases.
    /// </summary>
    public EnvConfigLoader(string prefix, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(lookup);
        _prefix = prefix;
        _lookup = lookup;
    }

    /// <summary>
    /// Creates a new <typeparamref name="T"/> and fills every property marked with
    /// <see cref="EnvAttribute"/>.
    /// </summary>
    /// <exception cref="EnvConfigException">
    /// Thrown when required variables are missing or values cannot be converted.
    /// The exception lists every problem, not just the first one.
    /// </exception>
    public T Load<T>()
        where T : class, new()
    {
        var target = new T();
        var errors = new List<string>();

        foreach (var (property, attribute) in GetBindings(typeof(T)))
        {
            string variable = _prefix + attribute.Name;
            string? raw = _lookup(variable);

            if (string.IsNullOrWhiteSpace(raw))
            {
                if (attribute.Required)
                {
                    errors.Add($"{variable} is required but not set.");
                }

                // Not set and optional: keep whatever default the class initializer assigned.
                continue;
            }

            try
            {
                object? value = ValueParser.Convert(raw.Trim(), property.PropertyType, attribute.Separator);
                CheckRange(property, value);
                property.SetValue(target, value);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                // Never echo secret values into logs via the exception message.
                string shown = attribute.Secret ? "<redacted>" : $"'{raw}'";
                errors.Add($"{variable}={shown}: {ex.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new EnvConfigException(errors);
        }

        return target;
    }

    /// <summary>
    /// Renders the effective configuration as <c>NAME=value</c> lines, masking secrets.
    /// Handy to log once at startup.
    /// </summary>
    public string Describe<T>(T settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var sb = new StringBuilder();
        foreach (var (property, attribute) in GetBindings(typeof(T)))
        {
            object? value = property.GetValue(settings);
            string text = value switch
            {
                null => "(unset)",
                _ when attribute.Secret => "****",
                string s => s,
                IEnumerable items => string.Join(attribute.Separator, items.Cast<object?>()),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
            sb.Append(_prefix).Append(attribute.Name).Append('=').AppendLine(text);
        }

        return sb.ToString();
    }

    private static IEnumerable<(PropertyInfo Property, EnvAttribute Attribute)> GetBindings(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = property.GetCustomAttribute<EnvAttribute>();
            if (attribute is null)
            {
                continue;
            }

            if (!property.CanWrite)
            {
                throw new InvalidOperationException(
                    $"{type.Name}.{property.Name} has [Env] but no setter; add 'set' or 'init'.");
            }

            yield return (property, attribute);
        }
    }

    private static void CheckRange(PropertyInfo property, object? value)
    {
        var range = property.GetCustomAttribute<EnvRangeAttribute>();
        if (range is null || value is null)
        {
            return;
        }

        if (value is not IComparable comparable)
        {
            throw new InvalidOperationException($"[EnvRange] is not supported on {property.PropertyType.Name}.");
        }

        Type type = value.GetType();
        if (range.Min is not null && comparable.CompareTo(ValueParser.Convert(range.Min, type)) < 0)
        {
            throw new ArgumentException($"must be at least {range.Min}.");
        }

        if (range.Max is not null && comparable.CompareTo(ValueParser.Convert(range.Max, type)) > 0)
        {
            throw new ArgumentException($"must be at most {range.Max}.");
        }
    }
}
