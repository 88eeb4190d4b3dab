/**
 * Reads a V8 CPU profile (`node --cpu-prof`, e.g. from `pnpm bench --profile fanout`) and
 * prints where the time went: the functions with the most self time, and the same grouped
 * by package or file. Run: `node --import tsx tests/bench/profile-top.ts FILE.cpuprofile [N]`.
 */
import fs from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

const [file, topArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-top.ts FILE.cpuprofile [N]')
const top = Number(topArg ?? 30)
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map<number, number>()
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
const total = [...self.values()].reduce((a, b) => a + b, 0)

/** Where a function lives: the package for dependencies, the repository path for our code. */
function place(url: string): string {
  if (!url) return '(native)'
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.startsWith('node:')) return url
  return url.replace(/^file:\/\/.*?\/(server|shared|tests)\//, '$1/')
}

const functions = new Map<string, number>()
const places = new Map<string, number>()
for (const [id, micros] of self) {
  const node = byId.get(id)!
  const where = place(node.callFrame.url)
  const name = `${node.callFrame.functionName || '(anonymous)'}  ${where}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`
  functions.set(name, (functions.get(name) ?? 0) + micros)
  places.set(where, (places.get(where) ?? 0) + micros)
}

const parentOf = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
const frame = (id: number) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame
  return `${functionName || '(anonymous)'} ${place(url)}${url ? `:${lineNumber + 1}` : ''}`
}
/** The heaviest call paths (up to 8 callers deep) into a function, by its self time. */
function callers(name: string): [string, number][] {
  const paths = new Map<string, number>()
  for (const [id, micros] of self) {
    if (frame(id).replace(/ (\S+)$/, '  $1') !== name.replace(/\s+/g, ' ').replace(/ (\S+)$/, '  $1')) continue
    const chain: string[] = []
    for (let at = parentOf.get(id); at !== undefined && chain.length < 8; at = parentOf.get(at)) chain.push(frame(at))
    const key = chain.join(' < ')
    paths.set(key, (paths.get(key) ?? 0) + micros)
  }
  return [...paths].sort((a, b) => b[1] - a[1]).slice(0, 3)
}

const pct = (micros: number) => `${((micros / total) * 100).toFixed(1).padStart(5)}%`
console.log(`${file}: ${(total / 1e6).toFixed(2)} s of samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s\n`)
console.log('self time by function')
for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(micros)}  ${name}`)
console.log('\nwho calls the top five')
for (const [name] of [...functions]
  .sort((a, b) => b[1] - a[1])
  .filter(([n]) => !n.startsWith('('))
  .slice(0, 5)) {
  console.log(name)
  for (const [chain, micros] of callers(name)) console.log(`  ${pct(micros)}  < ${chain}`)
}
console.log('\nself time by package or file')
for (const [where, micros] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(micros)}  ${where}`)
