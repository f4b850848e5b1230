  port: z
    .coerce.number()
    .int()
    .min(1, "PORT must be between 1 and 65535")
    .max(65535, "PORT must be between 1 and 65535")
    .default(3000),
  logLevel: z.enum(["debug", "info", "warn", "error"]).default("info"),
