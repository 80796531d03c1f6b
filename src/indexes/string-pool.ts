// One copy of each equal string: what a list holds for the whole build (a million messages' heads
// and records) repeats Message-IDs, names and subjects, and each message from the parse workers or
// the cache arrives with copies of its own.
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** The pool's copy of `value` (the value itself the first time). */
  one<T extends string>(value: T): T {
    const held = this.strings.get(value);
    if (held !== undefined) return held as T;
    this.strings.set(value, value);
    return value;
  }

  /** The pool's copy of each string in place. */
  each<T extends string>(values: T[]): T[] {
    for (let i = 0; i < values.length; i++) values[i] = this.one(values[i]!);
    return values;
  }
}
