/**
 * Feature flag evaluation.
 *
 * Flags are loaded from a JSON document (for example fetched from a config
 * service) and evaluated locally against a user context. Percentage
 * rollouts are deterministic: the same user always lands in the same
 * bucket for a given flag, so they don't flip between requests.
 */

export interface UserContext {
  userId: string;
  email?: string;
  country?: string;
  plan?: 'free' | 'pro' | 'enterprise';
  attributes?: Record<string, string | number | boolean>;
}

export type Rule =
  | { kind: 'allowList'; userIds: string[] }
  | { kind: 'emailDomain'; domains: string[] }
  | { kind: 'country'; countries: string[] }
  | { kind: 'plan'; plans: NonNullable<UserContext['plan']>[] }
  | { kind: 'percentage'; percent: number };

export interface FlagDefinition {
  key: string;
  enabled: boolean;
  /** Rules are OR-ed: the flag is on if any rule matches. */
  rules: Rule[];
  /** Value returned when the flag is enabled but no rule matches. */
  defaultOn?: boolean;
}

/**
 * FNV-1a 32-bit hash. Not cryptographic; we just need a stable,
 * evenly distributed number per (flag, user) pair.
 */
function fnv1a(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Returns a bucket in [0, 100) for this user and flag. */
export function bucketFor(flagKey: string, userId: string): number {
  return (fnv1a(`${flagKey}:${userId}`) % 10_000) / 100;
}

function matches(rule: Rule, flagKey: string, ctx: UserContext): boolean {
  switch (rule.kind) {
    case 'allowList':
      return rule.userIds.includes(ctx.userId);
    case 'emailDomain': {
      // Compare only the part after the last "@", case-insensitively.
      const domain = ctx.email?.split('@').pop()?.toLowerCase();
      return !!domain && rule.domains.some((d) => d.toLowerCase() === domain);
    }
    case 'country':
      return !!ctx.country && rule.countries.includes(ctx.country.toUpperCase());
    case 'plan':
      return !!ctx.plan && rule.plans.includes(ctx.plan);
    case 'percentage':
      return bucketFor(flagKey, ctx.userId) < rule.percent;
  }
}

export class FlagStore {
  private flags = new Map<string, FlagDefinition>();

  constructor(definitions: FlagDefinition[] = []) {
    this.load(definitions);
  }

  /** Replace all flags, e.g. after polling the config service. */
  load(definitions: FlagDefinition[]): void {
    const next = new Map<string, FlagDefinition>();
    for (const def of definitions) {
      if (next.has(def.key)) {
        throw new Error(`duplicate flag key: ${def.key}`);
      }
      for (const rule of def.rules) {
        if (rule.kind === 'percentage' && (rule.percent < 0 || rule.percent > 100)) {
          throw new Error(`flag ${def.key}: percentage must be 0..100`);
        }
      }
      next.set(def.key, def);
    }
    // Swap in one step so readers never see a half-loaded set.
    this.flags = next;
  }

  /** Evaluate a flag. Unknown flags are treated as off. */
  isEnabled(key: string, ctx: UserContext): boolean {
    const flag = this.flags.get(key);
    if (!flag || !flag.enabled) return false;
    if (flag.rules.length === 0) return flag.defaultOn ?? true;
    return flag.rules.some((r) => matches(r, key, ctx)) || (flag.defaultOn ?? false);
  }

  /** Evaluate every flag for a user, e.g. to send to the frontend. */
  evaluateAll(ctx: UserContext): Record<string, boolean> {
    const out: Record<string, boolean> = {};
    for (const key of this.flags.keys()) {
      out[key] = this.isEnabled(key, ctx);
    }
    return out;
  }

  keys(): string[] {
    return [...this.flags.keys()].sort();
  }
}
