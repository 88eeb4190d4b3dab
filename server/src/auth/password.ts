import crypto from 'node:crypto'

/**
 * Password hashing with scrypt (memory-hard, in Node's standard library). Stored as
 * `scrypt$N$r$p$salt$hash` with base64url salt and hash, so the cost can be raised later
 * while old hashes still verify.
 */

const COST = { N: 2 ** 15, r: 8, p: 1 }
const SALT_BYTES = 16
const KEY_BYTES = 32

interface ScryptParams {
  N: number
  r: number
  p: number
}

function scrypt(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is exactly N=2^15, r=8.
    const maxmem = 256 * params.N * params.r
    crypto.scrypt(password, salt, keyLength, { ...params, maxmem }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES)
  const key = await scrypt(password, salt, KEY_BYTES, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

interface ParsedHash extends ScryptParams {
  salt: Buffer
  key: Buffer
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [N, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4] ?? '', 'base64url')
  const key = Buffer.from(parts[5] ?? '', 'base64url')
  const sane = (n: number | undefined, max: number): n is number => n !== undefined && Number.isInteger(n) && n >= 1 && n <= max
  if (!sane(N, 2 ** 20) || !sane(r, 32) || !sane(p, 16) || salt.length === 0 || key.length === 0) return null
  return { N, r, p, salt, key }
}

/** Checks a password against a stored hash in constant time. A malformed hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const candidate = await scrypt(password, parsed.salt, parsed.key.length, parsed)
  return crypto.timingSafeEqual(candidate, parsed.key)
}

let decoyHash: Promise<string> | undefined

/** Computes the decoy hash ahead of the first unknown-email login, so that one is not slower either. */
export function prepareDecoy(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomBytes(18).toString('base64url'))
  return decoyHash
}

/**
 * Spends the same time as verifying a real password, for an email nobody registered, so the
 * response time does not tell an attacker which emails have accounts. Always false.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  await verifyPassword(password, await prepareDecoy())
  return false
}
