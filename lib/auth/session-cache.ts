/**
 * Remembers which user a session cookie belongs to, so the hot path (every chat message) does
 * not decrypt the same JWT again and again. Safe because a JWT session cookie is immutable: the
 * same value always decodes to the same user until it expires. Entries live at most `ttlMs`
 * (so an expired cookie is honoured at most that much longer); the oldest go first when full.
 */
export type SessionCache<T> = {
  get(cookie: string, now?: number): T | undefined;
  set(cookie: string, value: T, now?: number): void;
};

export function createSessionCache<T>({
  ttlMs,
  maxEntries,
}: {
  ttlMs: number;
  maxEntries: number;
}): SessionCache<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  return {
    get(cookie, now = Date.now()) {
      const entry = entries.get(cookie);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(cookie);
        return undefined;
      }
      return entry.value;
    },
    set(cookie, value, now = Date.now()) {
      entries.delete(cookie);
      entries.set(cookie, { value, expiresAt: now + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
