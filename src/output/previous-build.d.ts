// Types of previous-build.js (plain JavaScript, loaded by a thread started without tsx too).
export declare const MANIFEST_VERSION: number;
export declare function parseManifest(text: string): { paths: string[]; keys: string[] } | null;
export declare function isPlain(path: string): boolean;
export declare function checkThreads(targets: readonly string[]): number;
export declare function filesGone(targets: readonly string[], threads: number): Promise<number[]>;
