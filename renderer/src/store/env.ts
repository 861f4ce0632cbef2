// What the store needs from its surroundings, passed in so tests run it in Node with fakes: where the
// language choice is remembered, which language the system prefers, and the clock.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StoreEnv {
  /** localStorage in the page; null where nothing can be remembered. */
  storage: KeyValueStore | null;
  /** The system's preferred language tags, first is most preferred (navigator.language). */
  languages: readonly string[];
  now: () => Date;
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

export const defaultEnv = (): StoreEnv => ({ storage: null, languages: [], now: () => new Date() });
