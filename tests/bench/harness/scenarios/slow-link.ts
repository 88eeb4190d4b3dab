import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../../../integration/support/server'
import type { BenchContext } from '../context'
import type { ScenarioReport } from '../report'

/** `pnpm` as this run was started (pnpm sets npm_execpath), else the pinned version via npx. */
function pnpm(args: string[]): { status: number | null; output: string } {
  const execPath = process.env.npm_execpath
  const [command, commandArgs] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['npx', ['-y', 'pnpm@12.4.2', ...args]]
  const result = spawnSync(command, commandArgs, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000 })
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` }
}

/**
 * Slow link: a browser opening a plan over 1.6 Mbit/s and 150 ms, measured by
 * tests/bench/open-plan.ts (`pnpm bench:open`), which this runs and whose tables it includes.
 * It needs the built client (built here when client/dist is missing) and Chromium
 * (installed by tests/e2e/ensure-chromium.sh when missing). Ours only: the peers serve no app.
 */
export async function slowLink(ctx: BenchContext): Promise<ScenarioReport> {
  const base = {
    id: 'slow-link',
    title: 'Slow link: a browser opening a plan over 1.6 Mbit/s, 150 ms',
    rows: [],
    notes: [],
    raw: {} as Record<string, unknown>,
  }
  if (ctx.smoke) {
    return {
      ...base,
      method: 'Skipped in the smoke run: tests/e2e/bench-smoke.test.ts runs `pnpm bench:open --runs 1` in the browser tests.',
      warnings: [],
    }
  }
  const warnings: string[] = []
  if (!fs.existsSync(path.join(REPO_ROOT, 'client', 'dist', 'index.html'))) {
    ctx.log('slow link: building the client (pnpm build)')
    const build = pnpm(['build'])
    if (build.status !== 0) warnings.push(`pnpm build failed: ${build.output.slice(-500)}`)
  }
  const chromium = spawnSync('bash', [path.join(REPO_ROOT, 'tests', 'e2e', 'ensure-chromium.sh')], { encoding: 'utf8', timeout: 600_000 })
  if (chromium.status !== 0) warnings.push(`Chromium is missing and could not be installed: ${chromium.stderr.slice(-300)}`)
  ctx.log('slow link: pnpm bench:open')
  const started = Date.now()
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/open-plan.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 900_000,
  })
  const tables = (run.stdout ?? '')
    .split('\n')
    .filter((line) => line.startsWith('|') || line.startsWith('Machine:') || line.trim() === '')
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
  if (run.status !== 0) warnings.push(`open-plan.ts failed (${run.status}): ${(run.stderr ?? '').slice(-500)}`)
  return {
    ...base,
    method:
      'Measured by `tests/bench/open-plan.ts` (`pnpm bench:open`, Chromium headless, median of 3 runs), run as part of this benchmark; Hononga only (the peers serve no app). ' +
      'Time to type runs from navigation start until an editable rich-text field shows the plan’s text.',
    verbatim: tables,
    warnings,
    raw: { stdout: run.stdout, seconds: (Date.now() - started) / 1000 },
  }
}
