/** About how many bytes of content one piece holds. */
export declare const PIECE_WEIGHT: number
/** The bytes are not a Yjs update. */
export declare class UndecodableUpdate extends Error {}
/**
 * Splits a v1 update into pieces that, applied in order, have the effect of the whole
 * (update-split.mjs); null when its structs wait on each other in a circle.
 */
export declare function splitUpdate(update: Uint8Array, maxWeight?: number): Uint8Array[] | null
