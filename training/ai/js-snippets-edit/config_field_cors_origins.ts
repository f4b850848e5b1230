  corsOrigins: (() => {
    const raw = process.env.CORS_ORIGINS?.trim();
    if (!raw) return env === "production" ? [] : ["http://localhost:3000"];
    const origins = raw.split(",").map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      if (origin === "*") {
        if (env === "production") throw new Error("CORS_ORIGINS=* is not allowed in production");
        continue;
      }
      try {
        const u = new URL(origin);
        if (u.pathname !== "/" || u.search || u.hash) throw new Error("path");
      } catch {
        throw new Error(`CORS_ORIGINS contains an invalid origin: "${origin}"`);
      }
    }
    return origins;
  })(),
