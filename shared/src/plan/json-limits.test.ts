import { describe, expect, it } from 'vitest'
import { PlanExport, toPlanExport } from './export'
import { RichTextJson, richTextProblem, toPlanJson } from './json'
import { MAX_RICH_TEXT_DEPTH, MAX_TITLE_CHARS, PLAN_LIMITS } from './limits'
import { newPlanDoc } from './testing'

/** A doc whose text sits `depth` levels below it (blockquotes, then a paragraph, then the text). */
function nested(depth: number): RichTextJson {
  let node: RichTextJson = { type: 'text', text: 'kei raro rawa' }
  for (let level = depth - 1; level >= 1; level--) node = { type: level === depth - 1 ? 'paragraph' : 'blockquote', content: [node] }
  return { type: 'doc', content: [node] }
}

describe('the limits PlanJson holds an imported plan to', () => {
  it('rich text: as deep as MAX_RICH_TEXT_DEPTH and no deeper, checked without recursion', () => {
    expect(richTextProblem(nested(MAX_RICH_TEXT_DEPTH))).toBeNull()
    expect(RichTextJson.safeParse(nested(MAX_RICH_TEXT_DEPTH)).success).toBe(true)
    // A million levels: zod's recursive schema alone overflowed the stack at about 1,000.
    for (const depth of [MAX_RICH_TEXT_DEPTH + 1, 2_500, 1_000_000]) {
      const parsed = RichTextJson.safeParse(nested(depth))
      expect(parsed.success, `depth ${depth}`).toBe(false)
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([`Rich text is nested at most ${MAX_RICH_TEXT_DEPTH} levels deep`])
    }
  })

  it('rich text: at most maxTextChars characters in one field', () => {
    const text = (chars: number): RichTextJson => ({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'a'.repeat(chars - 10) }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'b'.repeat(10) }] },
      ],
    })
    expect(RichTextJson.safeParse(text(PLAN_LIMITS.maxTextChars)).success).toBe(true)
    expect(richTextProblem(text(PLAN_LIMITS.maxTextChars + 1))).toMatch(/at most/)
  })

  it('titles: the one limit, for the plan, its items and measure names', () => {
    const file = toPlanExport(toPlanJson(newPlanDoc()), null, 0)
    expect(PlanExport.safeParse(file).success).toBe(true)
    const long = 'ā'.repeat(MAX_TITLE_CHARS + 1)
    const parsed = PlanExport.safeParse({ ...file, plan: { ...file.plan, meta: { ...file.plan.meta, title: long, community: long } } })
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['plan.meta.title', 'plan.meta.community'])
    const focusAreas = [{ id: 'f', title: long, description: { type: 'doc', content: [] } }]
    expect(PlanExport.safeParse({ ...file, plan: { ...file.plan, focusAreas } }).success).toBe(false)
  })
})
