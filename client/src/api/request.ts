import type { ResponseSchema } from '@hononga/shared'

/** An HTTP error from the API: its status, stable code and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** How long the server asked us to wait before trying again (`Retry-After`, on 429 and 503). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * The code of an {@link ApiError} for an answer this client cannot read (not JSON, or not the
 * shape the contract promises): the request may well have succeeded, but its answer is unusable.
 */
export const BAD_RESPONSE = 'bad_response'

/** The network failed (offline, server down): distinct from an answer from the server. */
export class NetworkError extends Error {
  constructor() {
    super('network unavailable')
    this.name = 'NetworkError'
  }
}

/**
 * What a request's answer must look like: picks its schema from the response schemas
 * (./schemas.ts), or loads one (answers that carry the plan, whose schemas come with the full
 * zod: ./planSchemas.ts). Schemas load lazily, so that zod stays out of the first page.
 */
export type ResponseShape<T> = (schemas: Schemas) => ResponseSchema<T> | Promise<ResponseSchema<T>>

/** The response schemas (./schemas.ts). */
export type Schemas = typeof import('./schemas')

/** The response schemas' chunk, loaded once, with the first request. */
const schemasChunk = () => import('./schemas')

/** `Retry-After` in milliseconds: seconds, or an HTTP date; null when absent or unreadable. */
function retryAfter(header: string | null): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now())
}

const NOT_JSON = Symbol('not JSON')

/**
 * Sends one request to the API and parses the answer with `shape`: resolves with the parsed
 * value (undefined for `204`), rejects with a {@link NetworkError} when the server could not be
 * reached, and with an {@link ApiError} for an error answer or one that does not parse
 * ({@link BAD_RESPONSE}).
 */
export async function request<T>(
  method: string,
  path: string,
  shape: ResponseShape<T>,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  // Loads (once) while the request is on its way.
  const loading = schemasChunk()
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new NetworkError()
  }
  const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => NOT_JSON)
  const schemas = await loading
  const { parseResponse } = schemas
  if (!response.ok) {
    const parsed = parseResponse(schemas.ErrorResponse, data)
    const error = parsed.ok ? parsed.value.error : {}
    throw new ApiError(
      response.status,
      error.code ?? 'internal',
      error.message ?? response.statusText,
      retryAfter(response.headers.get('retry-after')),
    )
  }
  const schema = await shape(schemas)
  const parsed = data === NOT_JSON ? { ok: false as const, problem: 'not JSON' } : parseResponse(schema, data)
  if (!parsed.ok)
    throw new ApiError(response.status, BAD_RESPONSE, `Unexpected answer from the server to ${method} ${path}: ${parsed.problem}`)
  return parsed.value
}
