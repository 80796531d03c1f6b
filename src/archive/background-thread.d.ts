// Types of background-thread.js (plain JavaScript, loaded by threads started without tsx too).
/** The nice value of a background thread (0 is the default; 19 the least favoured). */
export declare const BACKGROUND_NICE: number;
/** Lowers the calling thread's scheduling priority to BACKGROUND_NICE (Linux; elsewhere nothing is done). */
export declare function runInBackground(): void;
