import crypto from 'node:crypto'
import { isId } from '@hononga/shared'

/** Ids of users and plans: `newId()` from `@hononga/shared` (16 URL-safe characters, 96 random bits). */
export { newId } from '@hononga/shared'

/** Whether a path parameter can be an id at all; routes answer 404 without a query when not. */
export function isWellFormedId(value: string | undefined): value is string {
  return isId(value)
}

/** A secret handed to a client (session token, WebSocket ticket): 32 random bytes, base64url. */
export function newSecretToken(): string {
  return crypto.randomBytes(32).toString('base64url')
}

const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function isWellFormedSecretToken(value: string | undefined): value is string {
  return value !== undefined && SECRET_TOKEN_PATTERN.test(value)
}

/** What the database keeps of a secret token: its SHA-256, so a copy of the database grants nothing. */
export function hashSecretToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}
