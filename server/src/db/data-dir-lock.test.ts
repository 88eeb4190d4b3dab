import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirInUseError, lockDataDir } from './data-dir-lock'

describe('lockDataDir', () => {
  it('refuses a second holder of the same folder until the first releases it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-lock-'))
    const first = lockDataDir(dataDir)
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError)
    first.release()
    first.release()
    const second = lockDataDir(dataDir)
    second.release()
  })

  it('lets separate folders be held at once', () => {
    const a = lockDataDir(fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-lock-')))
    const b = lockDataDir(fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-lock-')))
    a.release()
    b.release()
  })
})
