// One copy of each equal string: what a list holds for the whole build (a million messages' heads
// and records) repeats Message-IDs, names and subjects, and each message from the parse workers or
// the cache arrives with copies of its own.
import type { MessageHead } from "../parse/index.ts";

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

  /**
   * The head with its repeated strings taken from the pool, in place: until its list is threaded
   * every head is held, and References name the same ancestors again and again.
   */
  holdHead(head: MessageHead): MessageHead {
    head.messageId = this.one(head.messageId);
    this.each(head.references);
    if (head.inReplyTo !== null) head.inReplyTo = this.one(head.inReplyTo);
    head.subject = this.one(head.subject);
    head.displaySubject = this.one(head.displaySubject);
    head.baseSubject = this.one(head.baseSubject);
    head.from.name = this.one(head.from.name);
    head.from.address = this.one(head.from.address);
    head.dateSource = this.one(head.dateSource);
    head.format = this.one(head.format);
    this.each(head.listTags);
    return head;
  }
}
