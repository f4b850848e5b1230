  /**
   * Serialize as an ISO 8601 duration so the value survives JSON round-trips.
   */
  toJSON(): string {
    if (this.totalMs === 0) return "PT0S";
    const sign = this.totalMs < 0 ? "-" : "";
    let ms = Math.abs(this.totalMs);
    const days = Math.floor(ms / 86_400_000);
    ms -= days * 86_400_000;
    const hours = Math.floor(ms / 3_600_000);
    ms -= hours * 3_600_000;
    const minutes = Math.floor(ms / 60_000);
    ms -= minutes * 60_000;
    const seconds = ms / 1000;

    let out = `${sign}P`;
    if (days) out += `${days}D`;
    if (hours || minutes || seconds) {
      out += "T";
      if (hours) out += `${hours}H`;
      if (minutes) out += `${minutes}M`;
      if (seconds) out += `${+seconds.toFixed(3)}S`;
    }
    return out;
  }
