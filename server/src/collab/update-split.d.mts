/** About how many bytes of content one piece holds. */
export declare const PIECE_WEIGHT: number
/** Splits a v1 update into pieces that, applied in order, have the effect of the whole (update-split.mjs). */
export declare function splitUpdate(update: Uint8Array, maxWeight?: number): Uint8Array[]
