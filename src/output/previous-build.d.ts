// Types of previous-build.js (plain JavaScript, loaded by a thread started without tsx too).
export declare const MANIFEST_VERSION: number;
export declare const CHANGES_VERSION: number;
export declare function changesPathOf(manifestPath: string): string;
export declare function parseManifest(text: string): { paths: string[]; keys: string[]; id: string | null } | null;
export declare function parseChanges(text: string, id: string | null): { paths: string[]; keys: (string | null)[] } | null;
/** The manifest a build wrote whole: its id (null: none) and how many files it lists. */
export interface ManifestBase {
  id: string | null;
  count: number;
}
export declare function readManifestFiles(manifestPath: string): { paths: string[]; keys: string[]; base: ManifestBase; changed: string[]; trusted: boolean } | null;
export declare function isPlain(path: string): boolean;
export declare function checkThreads(targets: readonly string[]): number;
export declare function filesGone(targets: readonly string[], threads: number): Promise<number[]>;
