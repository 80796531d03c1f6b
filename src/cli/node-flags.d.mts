// Types of node-flags.mjs (plain JavaScript, read before any loader) for the TypeScript that imports it.
export declare const NODE_FLAGS: readonly string[];
export declare function missingFlags(execArgv: readonly string[]): string[];
