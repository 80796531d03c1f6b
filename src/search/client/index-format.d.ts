// Types of index-format.js (plain JavaScript, shipped to the browser as it is).
export interface DecodedTerm {
  term: string;
  df: number;
  forEach(fn: (doc: number, impact: number) => void): void;
}
export declare function encodeTerm(term: string, docs: ArrayLike<number>, impacts: ArrayLike<number>): Uint8Array;
export declare function encodeChunk(encodedTerms: readonly Uint8Array[]): Uint8Array;
export declare function decodeChunk(bytes: Uint8Array): DecodedTerm[];
export declare const LIST_TERM: string;
export declare const AUTHOR_TERM: string;
