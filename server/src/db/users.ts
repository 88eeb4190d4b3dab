import { eq } from 'drizzle-orm'
import type { SessionUser } from '../app-env'
import type { DbExecutor } from './executor'
import { newId } from './ids'
import { users } from './schema'

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
export function insertUser(
  db: DbExecutor,
  input: { email: string; name: string; passwordHash: string; now: number },
): SessionUser {
  const id = newId()
  db.insert(users)
    .values({ id, email: input.email, name: input.name, passwordHash: input.passwordHash, createdAt: input.now })
    .run()
  return { id, email: input.email, name: input.name }
}
