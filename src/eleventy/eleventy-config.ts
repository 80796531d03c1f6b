// The part of Eleventy's configuration API we use (Eleventy 3 ships no type declarations).

export interface EleventyDirectories {
  input: string;
  output: string;
}

export interface EleventyEventArgs {
  directories: EleventyDirectories;
  /** After a build: the pages Eleventy wrote. */
  results?: { outputPath: string }[];
}

export interface EleventyConfig {
  directories: EleventyDirectories;
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(spec: string | Record<string, string>): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void | Promise<void>, options: T): void;
  on(event: "eleventy.before" | "eleventy.after", fn: (args: EleventyEventArgs) => void | Promise<void>): void;
  setQuietMode(quiet: boolean): void;
}
