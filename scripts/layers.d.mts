/** Folder (repository path) → the layers it may import besides itself and electron/shared. */
export declare const ALLOWED: Record<string, string[]>;
