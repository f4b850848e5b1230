using System.Globalization;

namespace EnvConfig;

/// <summary>
/// Converts raw environment variable strings into the CLR types supported by
/// <see cref="EnvConfigLoader"/>: strings, booleans, enums, numbers, <see cref="TimeSpan"/>,
/// <see cref="Uri"/>, nullable versions of these, and arrays or lists of them.
/// </summary>
internal static class ValueParser
{
    /// <summary>Converts a raw string into <paramref name="type"/>.</summary>
    /// <exception cref="FormatException">The value is not valid for the type.</exception>
    internal static object? Convert(string raw, Type type, char separator = ',')
    {
        // Nullable<T>: an explicit value was given, so convert to the underlying T.
        Type target = Nullable.GetUnderlyingType(type) ?? type;

        if (target == typeof(string))
        {
            return raw;
        }

        if (target == typeof(bool))
        {
            return raw.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw new FormatException("expected true/false, 1/0, yes/no or on/off."),
            };
        }

        if (target.IsEnum)
        {
            // Enum.TryParse also accepts numbers, which silently admits undefined values.
            if (Enum.TryParse(target, raw, ignoreCase: true, out object? parsed) && Enum.IsDefined(target, parsed!))
            {
                return parsed;
            }

            throw new FormatException($"expected one of: {string.Join(", ", Enum.GetNames(target))}.");
        }

        if (target == typeof(TimeSpan))
        {
            return ParseDuration(raw);
        }

        if (target == typeof(Uri))
        {
            if (Uri.TryCreate(raw, UriKind.Absolute, out Uri? uri))
            {
                return uri;
            }

            throw new FormatException("expected an absolute URI.");
        }

        if (target.IsArray || IsList(target))
        {
            Type element = target.IsArray ? target.GetElementType()! : target.GetGenericArguments()[0];
            string[] parts = raw.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Array array = Array.CreateInstance(element, parts.Length);
            for (int i = 0; i < parts.Length; i++)
            {
                array.SetValue(Convert(parts[i], element, separator), i);
            }

            return target.IsArray ? array : Activator.CreateInstance(typeof(List<>).MakeGenericType(element), array);
        }

        if (typeof(IConvertible).IsAssignableFrom(target))
        {
            // Invariant culture: "1.5" must not depend on the server's locale.
            return System.Convert.ChangeType(raw, target, CultureInfo.InvariantCulture);
        }

        throw new ArgumentException($"unsupported property type {type.Name}.");
    }

    private static bool IsList(Type type) =>
        type.IsGenericType &&
        (type.GetGenericTypeDefinition() == typeof(List<>) ||
         type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ||
         type.GetGenericTypeDefinition() == typeof(IList<>));

    /// <summary>
    /// Parses durations such as <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>,
    /// or the standard <c>hh:mm:ss</c> form.
    /// </summary>
    internal static TimeSpan ParseDuration(string raw)
    {
        (string Suffix, Func<double, TimeSpan> Factory)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds),
            ("s", TimeSpan.FromSeconds),
            ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours),
            ("d", TimeSpan.FromDays),
        ];

        foreach (var (suffix, factory) in units)
        {
            if (raw.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(raw.AsSpan(0, raw.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
            {
                if (amount < 0 || double.IsNaN(amount) || double.IsInfinity(amount))
                {
                    throw new FormatException("duration must be a non-negative, finite number.");
                }

                return factory(amount);
            }
        }

        if (TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            return span;
        }

        throw new FormatException("expected a duration like 500ms, 30s, 5m, 2h or hh:mm:ss.");
    }
}
