    public sealed class RetryOptions
    {
        public const string SectionName = "Retry";

        [Range(0, 10)]
        public int MaxAttempts { get; set; } = 3;

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
    }

    // In Program.cs
    builder.Services.AddOptions<RetryOptions>()
        .Bind(builder.Configuration.GetSection(RetryOptions.SectionName))
        .ValidateDataAnnotations()
        .Validate(o => o.BaseDelay > TimeSpan.Zero, "Retry:BaseDelay must be positive.")
        .Validate(o => o.MaxDelay >= o.BaseDelay, "Retry:MaxDelay must be >= Retry:BaseDelay.")
        .ValidateOnStart();
