import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../errors'

/** "title: Too small; members.0.role: Invalid option" — names each field that failed. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'body'}: ${issue.message}`).join('; ')
}

/**
 * Reads and validates a JSON request body against a schema from `@hononga/shared`.
 * Throws 400 `invalid_json` when the body is not JSON and 400 `validation_failed`, naming
 * the fields, when it does not match. (Size is already bounded by the body-limit middleware.)
 */
export async function readJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new AppError('validation_failed', describeZodIssues(parsed.error.issues))
  return parsed.data
}

/** Validates query parameters (strings) against a schema; 400 `validation_failed` otherwise. */
export function readQuery<Schema extends z.ZodType>(c: Context, schema: Schema): z.output<Schema> {
  const parsed = schema.safeParse(c.req.query())
  if (!parsed.success) throw new AppError('validation_failed', describeZodIssues(parsed.error.issues))
  return parsed.data
}
