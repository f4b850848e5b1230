namespace EnvConfig;

/// <summary>
/// Binds a property to an environment variable.
/// </summary>
/// <remarks>
/// The full variable name is the loader's prefix followed by <see cref="Name"/>.
/// For example, with prefix <c>"MYAPP_"</c> and <c>[Env("PORT")]</c> the loader
/// reads <c>MYAPP_PORT</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class EnvAttribute : Attribute
{
    /// <summary>Creates a binding for the given variable name (without prefix).</summary>
    /// <param name="name">Variable name, e.g. <c>"DATABASE_URL"</c>.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is blank.</exception>
    public EnvAttribute(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Environment variable name must not be empty.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The variable name, without the loader's prefix.</summary>
    public string Name { get; }

    /// <summary>
    /// When <c>true</c>, loading fails if the variable is missing or empty.
    /// Defaults to <c>false</c>, in which case the property keeps its initializer value.
    /// </summary>
    public bool Required { get; init; }

    /// <summary>
    /// Marks the value as secret so it is masked in <see cref="EnvConfigLoader.Describe{T}"/>
    /// output and never echoed in error messages.
    /// </summary>
    public bool Secret { get; init; }

    /// <summary>
    /// Separator used to split the raw value when the property is an array or a list.
    /// Defaults to a comma.
    /// </summary>
    public char Separator { get; init; } = ',';
}

/// <summary>
/// Restricts a numeric or <see cref="TimeSpan"/> property to an inclusive range.
/// Bounds are given as strings so they can be parsed with the property's own type.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class EnvRangeAttribute : Attribute
{
    /// <param name="min">Inclusive lower bound, or <c>null</c> for none.</param>
    /// <param name="max">Inclusive upper bound, or <c>null</c> for none.</param>
    public EnvRangeAttribute(string? min, string? max)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("At least one of min or max must be given.");
        }

        Min = min;
        Max = max;
    }

    public string? Min { get; }

    public string? Max { get; }
}

/// <summary>
/// Thrown when one or more environment variables are missing or invalid.
/// All problems are collected so that a misconfigured deployment can be fixed in one pass
/// instead of one restart per variable.
/// </summary>
public sealed class EnvConfigException : Exception
{
    public EnvConfigException(IReadOnlyList<string> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>One human-readable line per invalid or missing variable.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string BuildMessage(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"Invalid configuration: {errors[0]}"
            : $"Invalid configuration ({errors.Count} problems):{Environment.NewLine}  - " +
              string.Join(Environment.NewLine + "  - ", errors);
    }
}
