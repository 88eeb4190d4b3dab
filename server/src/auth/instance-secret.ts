import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Repositories } from '../repos/types'

/** The instance_settings key the secret is stored under (base64url of 32 random bytes). */
export const INSTANCE_SECRET_KEY = 'secret'

const cache = new WeakMap<Repositories, Promise<Buffer>>()

/**
 * The installation's signing secret: 32 random bytes made once per installation and kept in
 * `instance_settings`, so every server process (and every restart) signs and verifies with the
 * same key. Made insert-if-absent, so processes racing at first start agree on the first one
 * stored; cached in memory per repositories object after the first read.
 */
export function instanceSecret(repos: Repositories): Promise<Buffer> {
  let secret = cache.get(repos)
  if (!secret) {
    secret = loadSecret(repos)
    cache.set(repos, secret)
    // A failed read (database down) is not cached: the next call tries again.
    secret.catch(() => cache.delete(repos))
  }
  return secret
}

async function loadSecret(repos: Repositories): Promise<Buffer> {
  const stored =
    (await repos.settings.getSetting(INSTANCE_SECRET_KEY)) ??
    (await repos.settings.insertSettingIfAbsent({
      key: INSTANCE_SECRET_KEY,
      value: randomBytes(32).toString('base64url'),
      now: Date.now(),
    }))
  const secret = Buffer.from(stored, 'base64url')
  if (secret.length < 32) throw new Error('The stored instance secret is shorter than 32 bytes')
  return secret
}

function mac(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('base64url')
}

/**
 * `value` with its HMAC-SHA256 under `secret` appended (`value.mac`, the MAC base64url): for
 * cookies and links the server must later trust it made. The value is readable, not secret.
 */
export function sign(secret: Buffer, value: string): string {
  return `${value}.${mac(secret, value)}`
}

/**
 * The value of a string made by `sign` with the same secret, or null when it was altered,
 * forged or malformed. The MACs are compared in constant time.
 */
export function verifySigned(secret: Buffer, signed: string): string | null {
  const dot = signed.lastIndexOf('.')
  if (dot < 0) return null
  const value = signed.slice(0, dot)
  const given = Buffer.from(signed.slice(dot + 1), 'utf8')
  const expected = Buffer.from(mac(secret, value), 'utf8')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return value
}
