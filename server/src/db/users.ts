import { eq, inArray } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { newId } from './ids'
import { users } from './schema'

/** The signed-in person, as routes see them. */
export interface SessionUser {
  id: string
  email: string
  name: string
}

export interface StoredUser extends SessionUser {
  passwordHash: string
}

/** Finds a user by (already lower-cased) email, with the password hash for verification. */
export function findUserByEmail(db: DbExecutor, email: string): StoredUser | null {
  const row = db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .get()
  return row ?? null
}

/** Inserts a user. Throws better-sqlite3's UNIQUE error when the email is taken (see isUniqueViolation). */
export function insertUser(db: DbExecutor, input: { email: string; name: string; passwordHash: string; now: number }): SessionUser {
  const id = newId()
  db.insert(users).values({ id, email: input.email, name: input.name, passwordHash: input.passwordHash, createdAt: input.now }).run()
  return { id, email: input.email, name: input.name }
}

/** Display names of the given users (for snapshot authors); unknown ids are left out. */
export function findUserNames(db: DbExecutor, ids: readonly string[]): Map<string, string> {
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...ids]))
      .all()
      .map((user) => [user.id, user.name]),
  )
}
