// Types of crc32.js (plain JavaScript, loaded by a thread started without tsx too).
/** The CRC-32 of `value`'s bytes followed by `data` (0: of `data` alone). */
export declare function crc32(data: Uint8Array, value?: number): number;
/** crc32 a byte at a time, for Node before 20.15 (no zlib.crc32). */
export declare function bytewiseCrc32(data: Uint8Array, value?: number): number;
/** The CRC-32 of the first `bytes` bytes of `file`; null when it is shorter or cannot be read. */
export declare function fileCrc32(file: string, bytes: number): number | null;
