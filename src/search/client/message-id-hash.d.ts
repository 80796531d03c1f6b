// Types of message-id-hash.js (plain JavaScript, shipped to the browser as it is).
export declare function lookupShard(messageId: string): string;
