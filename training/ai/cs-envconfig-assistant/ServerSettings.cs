namespace EnvConfig.Example;

/// <summary>Log verbosity accepted by <see cref="ServerSettings.LogLevel"/>.</summary>
public enum LogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>
/// Example settings class for a small HTTP service.
/// Property initializers act as defaults for optional variables.
/// </summary>
public sealed class ServerSettings
{
    /// <summary>Connection string for the primary database. Required, and masked in logs.</summary>
    [Env("DATABASE_URL", Required = true, Secret = true)]
    public string DatabaseUrl { get; set; } = string.Empty;

    /// <summary>TCP port to listen on.</summary>
    [Env("PORT")]
    [EnvRange("1", "65535")]
    public int Port { get; set; } = 8080;

    [Env("PUBLIC_BASE_URL")]
    public Uri? PublicBaseUrl { get; set; }

    [Env("LOG_LEVEL")]
    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    /// <summary>How long a request may run before it is cancelled, e.g. <c>30s</c>.</summary>
    [Env("REQUEST_TIMEOUT")]
    [EnvRange("00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Origins allowed by CORS, comma-separated.</summary>
    [Env("CORS_ORIGINS")]
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    [Env("ENABLE_METRICS")]
    public bool EnableMetrics { get; set; } = true;

    /// <summary>Optional cap on concurrent requests; <c>null</c> means unlimited.</summary>
    [Env("MAX_CONCURRENCY")]
    [EnvRange("1", null)]
    public int? MaxConcurrency { get; set; }
}

/// <summary>Shows how the loader is typically wired into application startup.</summary>
public static class Program
{
    public static int Main()
    {
        var loader = new EnvConfigLoader("MYAPP_");

        ServerSettings settings;
        try
        {
            settings = loader.Load<ServerSettings>();
        }
        catch (EnvConfigException ex)
        {
            // Print every problem at once and exit with the conventional "config error" code.
            Console.Error.WriteLine(ex.Message);
            return 78; // EX_CONFIG from sysexits.h
        }

        Console.WriteLine("Starting with configuration:");
        Console.Write(loader.Describe(settings));
        return 0;
    }
}
