/**
 * Opening a plan in the browser: the gzipped size of the first page load and of the editor
 * chunk, and the time from navigation to being able to type in the plan, on loopback and
 * over a slow link (Chromium's network emulation: 1.6 Mbit/s each way, 150 ms latency),
 * cold (nothing on the device) and warm (the app shell and the plan kept on the device).
 * Not a test: prints numbers. Run: `pnpm bench:open` (after `pnpm build`); `--runs 1` for a
 * quick run.
 *
 * Then large plans (issue 11): plans of 6, 20 and 40 priority actions (two paragraphs per part
 * of each results chain, two measures each), opened on the actions step: time until the first
 * action's Outcome can be typed in, JS heap, DOM nodes, and the latency of each keystroke typed
 * into that Outcome (keydown until the frame after it), with the ratios 40 ÷ 6.
 * `--sizes 6,40` chooses the sizes, `--keys 60` the keystrokes measured, `--only load|large`
 * one half, `--dist <folder>` another build (to compare before and after a change).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import type { BrowserContext } from 'playwright-core'
import { CLIENT_DIST as BUILT_DIST, startApp, type E2EApp } from '../e2e/fixtures/app'
import { measureLargePlans, printLargePlans } from './open-large-plan'
import { EDITABLE_RICH_TEXT, SEED_MARKER, seedPlan } from './seed-plan'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const RUNS = Number(option('--runs') ?? 3) || 3
const ONLY = option('--only')
const SIZES = (option('--sizes') ?? '6,20,40')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
const KEYS = Number(option('--keys') ?? 40) || 40
const CLIENT_DIST = path.resolve(option('--dist') ?? BUILT_DIST)

interface ManifestChunk {
  file: string
  css?: string[]
  imports?: string[]
  dynamicImports?: string[]
  isEntry?: boolean
  isDynamicEntry?: boolean
  src?: string
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(CLIENT_DIST, file)), { level: 9 }).length
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

/** Files a chunk loads before it runs: itself, its static imports (recursively) and their CSS. */
function closure(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key]!
  if (seen.has(chunk.file)) return seen
  seen.add(chunk.file)
  for (const css of chunk.css ?? []) seen.add(css)
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen)
  return seen
}

function sizes() {
  const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
  const first = closure(manifest, entryKey)
  first.add('index.html')
  const editorKey = Object.keys(manifest).find((k) => manifest[k]!.isDynamicEntry && k.includes('PlanWorkspace'))!
  const editor = [...closure(manifest, editorKey)].filter((file) => !first.has(file))
  const sum = (files: Iterable<string>) => [...files].reduce((n, file) => n + gz(file), 0)
  return { firstLoad: sum(first), editor: sum(editor), firstFiles: first.size, editorFiles: editor.length }
}

async function timeToType(app: E2EApp, context: BrowserContext, planId: string, slow: boolean): Promise<number> {
  const page = await context.newPage()
  if (slow) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 1_600_000 / 8,
      uploadThroughput: 1_600_000 / 8,
    })
  }
  await page.goto(`${app.url}/plans/${planId}/focus-areas`, { waitUntil: 'commit' })
  // Ready to type: an editable rich-text field showing the plan's own text (an editor, or the
  // text shown as it is until someone focuses it). The page's clock starts at navigation, so
  // performance.now() then is the time from navigation.
  const ready = await page.waitForFunction(
    ({ marker, field }) => {
      const editor = document.querySelector(field)
      return editor && editor.textContent?.includes(marker) ? performance.now() : false
    },
    { marker: SEED_MARKER, field: EDITABLE_RICH_TEXT },
    { timeout: 60_000, polling: 'raf' },
  )
  const ms = (await ready.jsonValue()) as number
  // And typing works: a character typed there appears.
  await page.locator(EDITABLE_RICH_TEXT).first().click()
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.isContentEditable === true, null, { timeout: 30_000 })
  await page.keyboard.press('End')
  await page.keyboard.type('ā')
  await page.waitForFunction(() => document.activeElement?.textContent?.includes('ā'), null, { timeout: 30_000 })
  await page.close()
  return ms
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function measureLoad(app: E2EApp): Promise<void> {
  const { api, planId } = await seedPlan(app.url, app.server.wsUrl)
  const size = sizes()
  console.log(`| what loads | gzipped |`)
  console.log(`| --- | --- |`)
  console.log(`| first page (sign-in, plan list): ${size.firstFiles} files | ${kb(size.firstLoad)} |`)
  console.log(`| editor chunk (workspace, Tiptap, Yjs), loaded on opening a plan: ${size.editorFiles} files | ${kb(size.editor)} |\n`)
  console.log(`| network | cold: nothing on the device | warm: app and plan kept on the device |`)
  console.log(`| --- | --- | --- |`)
  for (const slow of [false, true]) {
    const cold: number[] = []
    const warm: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 860 } })
      const [cookieName, cookieValue] = api.cookie!.split('=') as [string, string]
      await context.addCookies([{ name: cookieName, value: cookieValue, url: app.url, httpOnly: true, sameSite: 'Lax' }])
      cold.push(await timeToType(app, context, planId, slow))
      // Let the service worker finish keeping the shell before the warm run.
      const probe = await context.newPage()
      await probe.goto(`${app.url}/plans`)
      await probe
        .waitForFunction(() => navigator.serviceWorker?.controller !== null || false, null, { timeout: 30_000 })
        .catch(() => undefined)
      await probe.close()
      warm.push(await timeToType(app, context, planId, slow))
      await context.close()
    }
    const label = slow ? '1.6 Mbit/s, 150 ms latency' : 'loopback'
    console.log(`| ${label} | ${(median(cold) / 1000).toFixed(2)} s | ${(median(warm) / 1000).toFixed(2)} s |`)
  }
  console.log(
    `\nTime to type: from navigation start until an editable rich-text field shows the plan's text (then a typed character is checked to appear).`,
  )
}

const app = await startApp({ CLIENT_DIST })
try {
  console.log(`# Opening a plan in the browser\n`)
  console.log(
    `Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${await app.browser.version()} headless; median of ${RUNS} runs each\n`,
  )
  if (ONLY !== 'large') await measureLoad(app)
  if (ONLY !== 'load') printLargePlans(await measureLargePlans(app, { sizes: SIZES, runs: RUNS, keys: KEYS }), KEYS)
} finally {
  await app.close()
}
