/**
 * Ids for plans and for the items inside a plan document.
 *
 * Ids are random, URL-safe and opaque. Branded types keep a focus-area id from being passed
 * where an action id is expected. Plan ids are plain strings: the server looks each one up
 * (membership) before anything else, which is the check that matters at that edge.
 */

type Brand<Name extends string> = string & { readonly __brand: Name }

/** A focus area of a plan (ROCC step 1). */
export type FocusAreaId = Brand<'FocusAreaId'>
/** A condition for success (ROCC step 2). */
export type ConditionId = Brand<'ConditionId'>
/** A priority action (ROCC step 3). */
export type ActionId = Brand<'ActionId'>
/** A monitoring measure of a priority action (ROCC step 4). */
export type MeasureId = Brand<'MeasureId'>
/** One progress report against a priority action. */
export type ProgressEntryId = Brand<'ProgressEntryId'>

/** Any id of an item inside a plan document. */
export type ItemId = FocusAreaId | ConditionId | ActionId | MeasureId | ProgressEntryId

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const ID_LENGTH = 16
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/**
 * A new random id: 16 URL-safe characters (96 bits).
 *
 * Uses `crypto.getRandomValues`, which every browser and Node 20 provide, rather than
 * `crypto.randomUUID`, which browsers withhold from insecure contexts (a laptop serving a
 * hui over http://192.168.x.x).
 */
export function newId(): string {
  const bytes = new Uint8Array(ID_LENGTH)
  crypto.getRandomValues(bytes)
  let id = ''
  // 256 is a multiple of 64, so masking keeps every character equally likely.
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}

/** Whether `value` has the shape of an id (plan or item): 8-64 URL-safe characters. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}
