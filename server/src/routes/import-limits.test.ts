import { MAX_RICH_TEXT_DEPTH, MAX_TITLE_CHARS, type PlanExport, type PlanSummary } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, plans } from '../db/schema'
import { TestClient, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'
import { IMPORT_MAX_BODY_BYTES } from './exports'

/**
 * Rich text nested `depth` blockquotes deep, as JSON text built without recursion (so the
 * test itself can make one deeper than JSON.stringify could).
 */
function nestedEnvironmentJson(depth: number): string {
  const inner = '{"type":"paragraph","content":[{"type":"text","text":"kei raro rawa"}]}'
  return `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(depth)}${inner}${']}'.repeat(depth)}]}`
}

describe('import keeps to the plan’s limits', () => {
  let t: TestContext
  let aroha: TestClient
  let file: PlanExport
  beforeEach(async () => {
    t = await createTestDeps()
    aroha = await t.signUp('Aroha')
    const { id } = await createPlan(aroha, { title: 'Source plan' })
    file = (await (await aroha.get(`/api/plans/${id}/export.json`)).json()) as PlanExport
  })
  afterEach(() => t.cleanup())

  const stored = () => ({ plans: t.db.select().from(plans).all().length, audit: t.db.select().from(auditLog).all().length })

  it('refuses a 4 MiB title with 400 and stores nothing', async () => {
    const before = stored()
    const huge = { ...file, plan: { ...file.plan, meta: { ...file.plan.meta, title: 'Ā'.repeat(2 * 1024 * 1024) } } }
    const body = await expectError(await aroha.post('/api/plans/import', huge), 400, 'validation_failed')
    expect(body.error.message).toContain(`plan.meta.title: Titles hold at most ${MAX_TITLE_CHARS} characters`)
    expect(stored()).toEqual(before)
  })

  it('holds item titles and measure names to the same limit', async () => {
    const long = 'x'.repeat(MAX_TITLE_CHARS + 1)
    const description = { type: 'doc', content: [] }
    const focus = { ...file, plan: { ...file.plan, focusAreas: [{ id: 'f1', title: long, description }] } }
    expect((await expectError(await aroha.post('/api/plans/import', focus), 400, 'validation_failed')).error.message).toContain(
      'plan.focusAreas.0.title',
    )
    const measure = { id: 'm1', name: long, baseline: null, target: null, unit: '', frequency: 'monthly', reporter: '' }
    const action = {
      ...{
        id: 'a1',
        title: 'Wānanga',
        focusAreaIds: [],
        activity: description,
        output: description,
        outcome: description,
        impact: description,
      },
      ...{
        lead: '',
        leadUserId: null,
        partners: [],
        dueDate: null,
        reviewDate: null,
        status: 'proposed',
        measures: [measure],
        progress: [],
      },
    }
    const measured = { ...file, plan: { ...file.plan, actions: [action] } }
    expect((await expectError(await aroha.post('/api/plans/import', measured), 400, 'validation_failed')).error.message).toContain(
      'plan.actions.0.measures.0.name',
    )
    const atLimit = { ...file, plan: { ...file.plan, focusAreas: [{ id: 'f1', title: 'x'.repeat(MAX_TITLE_CHARS), description }] } }
    await TestClient.json(await aroha.post('/api/plans/import', atLimit), 201)
  })

  it('keeps the new plan’s title within the limit when "(from template)" is added', async () => {
    const longest = { ...file, plan: { ...file.plan, meta: { ...file.plan.meta, title: 'ā'.repeat(MAX_TITLE_CHARS) } } }
    const created = await TestClient.json<PlanSummary>(await aroha.post('/api/plans/import', longest), 201)
    expect(created.title).toMatch(/^ā+ \(from template\)$/)
    expect(created.title).toHaveLength(MAX_TITLE_CHARS)
  })

  it('refuses rich text nested deeper than MAX_RICH_TEXT_DEPTH with 400, never a 500, however deep', async () => {
    const before = stored()
    const [head, tail] = JSON.stringify({ ...file, plan: { ...file.plan, environment: '@@' } }).split('"@@"')
    for (const depth of [MAX_RICH_TEXT_DEPTH, 2_500, 100_000]) {
      const response = await aroha.request('POST', '/api/plans/import', {
        body: `${head}${nestedEnvironmentJson(depth)}${tail}`,
        headers: { 'content-type': 'application/json' },
      })
      const body = await expectError(response, 400, 'validation_failed')
      expect(body.error.message, `nesting ${depth}`).toContain(
        `plan.environment: Rich text is nested at most ${MAX_RICH_TEXT_DEPTH} levels deep`,
      )
    }
    expect(stored()).toEqual(before)
    // As deep as the limit allows (its text MAX_RICH_TEXT_DEPTH levels below the doc) imports.
    const response = await aroha.request('POST', '/api/plans/import', {
      body: `${head}${nestedEnvironmentJson(MAX_RICH_TEXT_DEPTH - 2)}${tail}`,
      headers: { 'content-type': 'application/json' },
    })
    await TestClient.json(response, 201)
  })

  it(`refuses a file over ${IMPORT_MAX_BODY_BYTES / 1024 / 1024} MiB with 413 before reading it`, async () => {
    const before = stored()
    const padded = { ...file, padding: 'x'.repeat(IMPORT_MAX_BODY_BYTES) }
    await expectError(await aroha.post('/api/plans/import', padded), 413, 'payload_too_large')
    expect(stored()).toEqual(before)
  })
})
