import { describe, expect, it } from 'vitest'
import { PLAN_EXPORT_FORMAT } from '@hononga/shared'
import { EXPORT_FORMAT, readTemplate } from './templateFile'

describe('readTemplate', () => {
  it('knows the export format shared/ writes', () => {
    expect(EXPORT_FORMAT).toBe(PLAN_EXPORT_FORMAT)
  })

  const exported = { format: PLAN_EXPORT_FORMAT, version: 1, plan: { meta: { title: 'Ōpōtiki' } } }

  it('accepts a plan export, macrons intact', () => {
    const result = readTemplate(JSON.stringify(exported))
    expect(result).toEqual({ ok: true, exported })
  })

  it('accepts a file that starts with a byte-order mark', () => {
    expect(readTemplate(`\uFEFF${JSON.stringify(exported)}`).ok).toBe(true)
  })

  it('says when the file is not JSON', () => {
    expect(readTemplate('Title,Lead\nWhānau ora,Police')).toEqual({ ok: false, problem: 'notJson' })
  })

  it('says when the JSON is not a plan export', () => {
    expect(readTemplate('[1, 2]')).toEqual({ ok: false, problem: 'notPlanExport' })
    expect(readTemplate('null')).toEqual({ ok: false, problem: 'notPlanExport' })
    expect(readTemplate(JSON.stringify({ format: 'something.else', plan: {} }))).toEqual({ ok: false, problem: 'notPlanExport' })
  })
})
