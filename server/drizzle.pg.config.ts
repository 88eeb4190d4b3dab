import { defineConfig } from 'drizzle-kit'

/** PostgreSQL migrations (`pnpm db:generate:pg`), in their own folder beside the SQLite ones; see migrations/pg/README.md. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/pg/schema.ts',
  out: './migrations/pg',
})
