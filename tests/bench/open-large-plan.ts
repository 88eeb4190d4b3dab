/**
 * Large plans in the browser (issue 11): plans of 6, 20 and 40 priority actions opened on the
 * actions step. Per size: time until the first action's Outcome can be typed in, JS heap after
 * a garbage collection, DOM nodes (and form controls, mounted editors), and the latency of each
 * keystroke typed into that Outcome. Part of `pnpm bench:open` (open-plan.ts); prints numbers.
 */
import type { Page } from 'playwright-core'
import type { E2EApp } from '../e2e/fixtures/app'
import { EDITABLE_RICH_TEXT, largePlanShape, seedPlan } from './seed-plan'

/** One opening of one plan. */
export interface LargePlanRun {
  /** Navigation start until the first action's Outcome shows its text and can be focused, ms. */
  editableMs: number
  heapBytes: number
  domNodes: number
  formControls: number
  /** Rich-text editors mounted (ProseMirror views). */
  editors: number
  /** Keydown until the frame after it, per keystroke, ms. */
  keys: number[]
}

export interface LargePlanResult {
  actions: number
  runs: LargePlanRun[]
}

const FIRST_OUTCOME = /^Outcome for Action 1: /
// The first action's Outcome starts with this (seed-plan.ts: paragraph(40)).
const OUTCOME_TEXT = '40. Whānau, iwi'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Waits until the page's DOM stops growing: cards may mount after the first is ready. */
async function settle(page: Page): Promise<void> {
  let last = -1
  let stable = 0
  for (let i = 0; i < 120 && stable < 3; i++) {
    const count = await page.evaluate(() => document.getElementsByTagName('*').length)
    stable = count === last ? stable + 1 : 0
    last = count
    await page.waitForTimeout(250)
  }
}

async function keystrokeLatencies(page: Page, keys: number): Promise<number[]> {
  // keydown (its timestamp is when the key was pressed, queueing included) until the task
  // after the next animation frame: handling, Yjs, React and the frame's rendering. Strings,
  // not functions: tsx would name the inner functions with a helper the page does not have.
  await page.evaluate(`
    window.benchLatencies = []
    window.addEventListener('keydown', (event) => {
      const t0 = event.timeStamp
      requestAnimationFrame(() => setTimeout(() => {
        window.benchLatencies.push(performance.now() - t0)
        if (window.benchNotify) window.benchNotify()
      }, 0))
    }, true)
  `)
  const letters = 'kiakahatehapori '
  const total = keys + 5 // the first five warm up
  for (let i = 0; i < total; i++) {
    await page.keyboard.press(letters[i % letters.length]!)
    await page.evaluate(`new Promise((resolve) => {
      window.benchNotify = () => { if (window.benchLatencies.length >= ${i + 1}) resolve() }
      window.benchNotify()
    })`)
  }
  const latencies = await page.evaluate(() => (window as unknown as { benchLatencies: number[] }).benchLatencies)
  return latencies.slice(5)
}

async function openOnce(app: E2EApp, cookie: string, planId: string, keys: number): Promise<LargePlanRun> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 860 } })
  try {
    const [cookieName, cookieValue] = cookie.split('=') as [string, string]
    await context.addCookies([{ name: cookieName, value: cookieValue, url: app.url, httpOnly: true, sameSite: 'Lax' }])
    const page = await context.newPage()
    await page.goto(`${app.url}/plans/${planId}/actions`, { waitUntil: 'commit' })
    const ready = await page.waitForFunction(
      ({ field, text }) => {
        const outcome = [...document.querySelectorAll(field)].find((element) =>
          element.getAttribute('aria-label')?.startsWith('Outcome for Action 1: '),
        )
        return outcome?.textContent?.includes(text) ? performance.now() : false
      },
      { field: EDITABLE_RICH_TEXT, text: OUTCOME_TEXT },
      { timeout: 60_000, polling: 'raf' },
    )
    const editableMs = (await ready.jsonValue()) as number
    await settle(page)
    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const heapBytes = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN
    const counts = await page.evaluate(() => ({
      domNodes: document.getElementsByTagName('*').length,
      formControls: document.querySelectorAll('input, select, textarea, button, [contenteditable="true"]').length,
      editors: document.querySelectorAll('.ProseMirror').length,
    }))
    const outcome = page.getByRole('textbox', { name: FIRST_OUTCOME })
    await outcome.click()
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.isContentEditable === true, null, { timeout: 30_000 })
    await page.keyboard.press('ControlOrMeta+End')
    const latencies = await keystrokeLatencies(page, keys)
    // What was typed is there: the keystrokes measured were real edits.
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('kiakaha'), null, { timeout: 10_000 })
    return { editableMs, heapBytes, ...counts, keys: latencies }
  } finally {
    await context.close()
  }
}

/** Seeds one plan per size, then opens each `runs` times, sizes interleaved so noise spreads evenly. */
export async function measureLargePlans(
  app: E2EApp,
  { sizes, runs, keys }: { sizes: number[]; runs: number; keys: number },
): Promise<LargePlanResult[]> {
  const results: LargePlanResult[] = []
  const plans: { actions: number; cookie: string; planId: string }[] = []
  for (const actions of sizes) {
    const { api, planId } = await seedPlan(app.url, app.server.wsUrl, `Bench Facilitator ${actions}`, largePlanShape(actions))
    plans.push({ actions, cookie: api.cookie!, planId })
    results.push({ actions, runs: [] })
  }
  for (let run = 0; run < runs; run++) {
    for (const [index, plan] of plans.entries()) {
      results[index]!.runs.push(await openOnce(app, plan.cookie, plan.planId, keys))
    }
  }
  return results
}

interface Summary {
  actions: number
  editableMs: number
  heapMB: number
  domNodes: number
  formControls: number
  editors: number
  p50: number
  p95: number
}

function summarise(result: LargePlanResult): Summary {
  const runs = result.runs
  // Keystrokes of every run pooled; the other figures as the median of the runs.
  const keys = runs.flatMap((run) => run.keys)
  return {
    actions: result.actions,
    editableMs: median(runs.map((run) => run.editableMs)),
    heapMB: median(runs.map((run) => run.heapBytes)) / 1e6,
    domNodes: median(runs.map((run) => run.domNodes)),
    formControls: median(runs.map((run) => run.formControls)),
    editors: median(runs.map((run) => run.editors)),
    p50: percentile(keys, 50),
    p95: percentile(keys, 95),
  }
}

/** Prints the large-plan table, with the ratios of the largest plan to the smallest. */
export function printLargePlans(results: LargePlanResult[], keys: number): void {
  const rows = results.map(summarise)
  console.log(`\n## Large plans: the actions step\n`)
  console.log(`| actions | time to editable | JS heap | DOM nodes | form controls | editors mounted | keystroke p50 / p95 |`)
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`)
  for (const row of rows) {
    console.log(
      `| ${row.actions} | ${(row.editableMs / 1000).toFixed(2)} s | ${row.heapMB.toFixed(1)} MB | ${row.domNodes} | ${row.formControls} | ${row.editors} | ${row.p50.toFixed(1)} / ${row.p95.toFixed(1)} ms |`,
    )
  }
  const small = rows[0]
  const large = rows[rows.length - 1]
  if (small && large && large !== small) {
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
    console.log(
      `| ${large.actions} ÷ ${small.actions} | ${ratio(large.editableMs, small.editableMs)} | ${ratio(large.heapMB, small.heapMB)} | ${ratio(large.domNodes, small.domNodes)} | ${ratio(large.formControls, small.formControls)} | | ${ratio(large.p50, small.p50)} / ${ratio(large.p95, small.p95)} |`,
    )
  }
  console.log(
    `\nTime to editable: navigation start until the first action's Outcome shows its text and can be typed in. Heap after a forced garbage collection, once the page stopped growing. Keystrokes: ${keys} per run typed one at a time into the first action's Outcome, keydown until the frame after it, pooled over the runs.`,
  )
}
