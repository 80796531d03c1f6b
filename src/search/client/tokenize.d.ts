// Types of tokenize.js (plain JavaScript, shipped to the browser as it is).
export declare const MAX_TERM_LENGTH: number;
export declare function foldWord(raw: string): string;
export declare function forEachTerm(text: string, emit: (term: string, start: number, end: number) => void): void;
export declare function queryTerms(text: string): string[];
