import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

export interface MachineInfo {
  cores: number
  cpuModel: string
  memoryGiB: number
  node: string
  platform: string
  openFilesLimit: number | null
}

export function machineInfo(): MachineInfo {
  let openFilesLimit: number | null = null
  try {
    openFilesLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || null
  } catch {
    // unknown
  }
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    openFilesLimit,
  }
}

export function describeMachine(machine: MachineInfo): string {
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, '')}, ${machine.platform}`
}

let clockTicks: number | undefined
/** Clock ticks per second of /proc times (`getconf CLK_TCK`, 100 on Linux). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      clockTicks = 100
    }
  }
  return clockTicks
}

/** CPU seconds (user + system, all threads) a process has used so far; NaN once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond()
  } catch {
    return Number.NaN
  }
}

/** Resident set size of a process in bytes (VmRSS); NaN once it is gone. */
export function processRssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /VmRSS:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  const total = values.reduce((a, b) => a + b, 0)
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  return { busy: total - idle, total }
}

/** CPU use over a window, in cores (1.0 = one core fully busy). */
export interface CpuWindow {
  seconds: number
  /** Server process, in cores. */
  server: number
  /** Server CPU seconds in the window. */
  serverSeconds: number
  /** Load generator (this process and its agents), in cores. */
  generator: number
  /** Cores the load generator may use (its worker processes, at most the machine's cores). */
  generatorCores: number
  /** Whole machine busy fraction, 0–1. */
  machineBusy: number
  /** CPU used by everything else on the machine (other people's builds, tests, browsers), in cores. */
  others: number
}

/** Measures CPU of the server and of the load generator between `start()` and `stop()`. */
export class CpuMeter {
  private startedAt = 0
  private server0 = 0
  private generator0 = 0
  private machine0 = { busy: 0, total: 0 }

  constructor(
    private readonly serverPid: number,
    private readonly generatorPids: () => number[],
  ) {}

  private generatorSeconds(): number {
    return this.generatorPids().reduce((sum, pid) => sum + (processCpuSeconds(pid) || 0), 0)
  }

  start(): this {
    this.startedAt = performance.now()
    this.server0 = processCpuSeconds(this.serverPid)
    this.generator0 = this.generatorSeconds()
    this.machine0 = machineTicks()
    return this
  }

  stop(): CpuWindow {
    const seconds = (performance.now() - this.startedAt) / 1000
    const serverSeconds = processCpuSeconds(this.serverPid) - this.server0
    const generatorSeconds = this.generatorSeconds() - this.generator0
    const machine = machineTicks()
    const agents = Math.max(1, this.generatorPids().length - 1)
    const machineBusy = (machine.busy - this.machine0.busy) / Math.max(1, machine.total - this.machine0.total)
    return {
      seconds,
      server: serverSeconds / seconds,
      serverSeconds,
      generator: generatorSeconds / seconds,
      generatorCores: Math.min(os.cpus().length, agents),
      machineBusy,
      others: Math.max(0, machineBusy * os.cpus().length - (serverSeconds + generatorSeconds) / seconds),
    }
  }
}

/**
 * CPU seconds used by a changing set of processes between `start()` and `stop()`: a process
 * that appears meanwhile counts from zero; one that ends meanwhile is lost (counted in `gone`).
 */
export class ProcessSetCpu {
  private before = new Map<number, number>()

  constructor(private readonly pids: () => number[]) {}

  start(): this {
    this.before = new Map(this.pids().map((pid) => [pid, processCpuSeconds(pid)]))
    return this
  }

  stop(): { seconds: number; gone: number } {
    const now = this.pids()
    let seconds = 0
    for (const pid of now) {
      const used = processCpuSeconds(pid) - (this.before.get(pid) ?? 0)
      if (Number.isFinite(used)) seconds += used
    }
    const gone = [...this.before.keys()].filter((pid) => !now.includes(pid)).length
    return { seconds, gone }
  }
}

const pct = (cores: number) => `${(cores * 100).toFixed(0)}%`

/**
 * Whether the load generator may have distorted a measurement: it used more than 70% of the
 * cores it can use, or the machine had no idle time left (so the generator's receive
 * timestamps may lag). Returns the reason, or null. CPU figures are in % of one core.
 */
export function generatorSaturation(window: CpuWindow): string | null {
  const split = `server ${pct(window.server)}, load generator ${pct(window.generator)}, other processes on the machine ${pct(window.others)}`
  if (window.generator > 0.7 * window.generatorCores) {
    return `the load generator was saturated: it used ${pct(window.generator)} of the ${pct(window.generatorCores)} it can use (${split})`
  }
  if (window.machineBusy > 0.95) {
    return `the machine was ${(window.machineBusy * 100).toFixed(0)}% busy (${split}), so the load generator may have been delayed`
  }
  return null
}
