import { z } from 'zod'
import { MAX_RICH_TEXT_DEPTH, PLAN_LIMITS } from './limits'

/**
 * Rich text as JSON (ProseMirror's shape) and its schema: what json.ts (the plan as JSON) and
 * richtext.ts (converting to and from Yjs) both use, in a module of its own so that neither
 * imports the other.
 */

const AttrValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** A mark on a run of text (bold, link...), as ProseMirror writes it. */
export const RichTextMarkJson = z.object({
  type: z.string(),
  attrs: z.record(z.string(), AttrValue).optional(),
})
export type RichTextMarkJson = z.infer<typeof RichTextMarkJson>

/** A ProseMirror node as JSON; a whole rich text is a node of type `doc`. */
export interface RichTextJson {
  type: string
  attrs?: Record<string, string | number | boolean | null>
  content?: RichTextJson[]
  marks?: RichTextMarkJson[]
  text?: string
}
const RichTextNode: z.ZodType<RichTextJson> = z.object({
  type: z.string(),
  attrs: z.record(z.string(), AttrValue).optional(),
  get content() {
    return z.array(RichTextNode).optional()
  },
  marks: z.array(RichTextMarkJson).optional(),
  text: z.string().optional(),
})

/**
 * Why a rich text (as JSON) is beyond the plan's limits, or null: nodes nested deeper than
 * MAX_RICH_TEXT_DEPTH below the top node, or more than PLAN_LIMITS.maxTextChars characters.
 * Walks with its own stack, never recursing: a file nested 100,000 deep is refused here,
 * before anything that recurses (zod's recursive schema overflowed the stack at about
 * 1,000 levels, which was a 500).
 */
export function richTextProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]]
  let chars = 0
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next
    if (typeof node !== 'object' || node === null) continue
    const { content, text } = node as { content?: unknown; text?: unknown }
    if (typeof text === 'string') {
      chars += text.length
      if (chars > PLAN_LIMITS.maxTextChars) return `Rich text holds at most ${PLAN_LIMITS.maxTextChars} characters`
    }
    if (!Array.isArray(content) || content.length === 0) continue
    if (depth >= MAX_RICH_TEXT_DEPTH) return `Rich text is nested at most ${MAX_RICH_TEXT_DEPTH} levels deep`
    for (const child of content) stack.push([child, depth + 1])
  }
  return null
}

/** A rich text within the plan's limits (see richTextProblem), checked before its nodes are parsed. */
export const RichTextJson: z.ZodType<RichTextJson> = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = richTextProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true })
  })
  .pipe(RichTextNode)
