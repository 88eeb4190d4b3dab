/**
 * `pnpm i18n:coverage`: how much of each namespace has te reo Māori, and how much of that a
 * fluent speaker has reviewed (client/src/i18n/mi/review.json). Prints one line per namespace
 * (English keys, reviewed, draft, missing) and a total, and exits 0: it reports, it does not
 * gate (the catalogue tests in client/src/i18n do).
 *
 * `--stamp` adds the review hash (client/src/i18n/review.ts) to each record a reviewer wrote
 * by hand, so a later change to either text sends the string back to draft.
 * `--missing` lists the keys that have no Māori yet.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { catalogues, NAMESPACES } from '../client/src/i18n/catalogues.ts'
import { coverageOf, leaves, reviewHash, reviewState, type ReviewFile, type Tree } from '../client/src/i18n/review.ts'

const reviewPath = fileURLToPath(new URL('../client/src/i18n/mi/review.json', import.meta.url))
const review = JSON.parse(readFileSync(reviewPath, 'utf8')) as ReviewFile
const args = new Set(process.argv.slice(2))

if (args.has('--stamp')) {
  let stamped = 0
  for (const [id, record] of Object.entries(review.reviewed)) {
    if (record.hash) continue
    const [ns = '', key = ''] = id.split(/:(.*)/s)
    const english = (catalogues.en as Record<string, Tree>)[ns]
    const maori = (catalogues.mi as Record<string, Tree>)[ns]
    const en = english && leaves(english).get(key)
    const mi = maori && leaves(maori).get(key)
    if (en === undefined || mi === undefined) {
      console.warn(`not stamped: ${id} has no English or no Māori text`)
      continue
    }
    record.hash = reviewHash(en, mi)
    stamped += 1
  }
  writeFileSync(reviewPath, `${JSON.stringify(review, null, 2)}\n`)
  console.log(`stamped ${stamped} review record(s)`)
}

const rows = NAMESPACES.map((ns) => coverageOf(ns, catalogues.en[ns] as Tree, catalogues.mi[ns] as Tree, review))
const total = rows.reduce(
  (sum, row) => ({
    namespace: 'total',
    english: sum.english + row.english,
    reviewed: sum.reviewed + row.reviewed,
    draft: sum.draft + row.draft,
    missing: sum.missing + row.missing,
  }),
  { namespace: 'total', english: 0, reviewed: 0, draft: 0, missing: 0 },
)
const header = ['namespace', 'english', 'reviewed', 'draft', 'missing'] as const
const lines = [...rows, total].map((row) => header.map((column) => String(row[column])))
const widths = header.map((column, index) => Math.max(column.length, ...lines.map((line) => line[index]?.length ?? 0)))
const format = (cells: readonly string[]) =>
  cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ')
console.log(format(header))
lines.forEach((line, index) => {
  if (index === lines.length - 1) console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  console.log(format(line))
})

if (args.has('--missing')) {
  for (const ns of NAMESPACES) {
    const en = leaves(catalogues.en[ns] as Tree)
    const mi = leaves(catalogues.mi[ns] as Tree)
    for (const key of en.keys()) if (reviewState(ns, key, en, mi, review) === 'missing') console.log(`missing ${ns}:${key}`)
  }
}
