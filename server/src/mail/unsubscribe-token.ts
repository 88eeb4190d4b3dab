import { instanceSecret, sign, verifySigned } from '../auth/instance-secret'
import type { Repositories } from '../repos/types'

/** Bound to its purpose, so a value this installation signs for something else never reads as an unsubscribe. */
const PURPOSE = 'unsubscribe'

/** A signed token naming a person and a kind of mail (no expiry: an unsubscribe link must keep working). */
export async function unsubscribeToken(repos: Repositories, userId: string, kind: string): Promise<string> {
  return sign(await instanceSecret(repos), `${PURPOSE}:${userId}:${kind}`)
}

/** The person and kind a token names, or null when it is not one this installation signed. */
export async function readUnsubscribeToken(repos: Repositories, token: string): Promise<{ userId: string; kind: string } | null> {
  const value = verifySigned(await instanceSecret(repos), token)
  const parts = value?.split(':')
  if (!parts || parts.length !== 3 || parts[0] !== PURPOSE || !parts[1] || !parts[2]) return null
  return { userId: parts[1], kind: parts[2] }
}
