import { describe, expect, it } from 'vitest'
import { addPriorityAction, getPriorityAction, setActionReviewDate } from './actions'
import { recordPosition, setAgreedMark } from './agreements'
import { currentFingerprint } from './agreement-rules'
import { ACTIONS_CSV_COLUMNS, actionsCsv, csvCell, monitoringCsv, MONITORING_CSV_COLUMNS } from './csv'
import { toPlanJson } from './json'
import { addMeasure, addProgressEntry, removeMeasure } from './monitoring'
import { partnerKey } from './partners'
import { appendParagraph } from './richtext'
import { addFocusArea } from './sections'
import { replaceText } from './text'
import { newPlanDoc } from './testing'

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true)
  const body = text.slice(1)
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  expect(cell).toBe('')
  expect(row).toEqual([])
  return rows
}

function plan() {
  const doc = newPlanDoc({ title: 'Te Mahere o Whakatāne', community: 'Whakatāne', district: 'Bay of Plenty' })
  const youth = addFocusArea(doc, { title: 'Rangatahi' })
  const action = addPriorityAction(doc, {
    title: 'Tikanga-based programme',
    focusAreaIds: [youth],
    status: 'in progress',
    lead: 'Te Rūnanga o Ngāti Awa',
    partners: ['Health NZ', 'Ōpōtiki College'],
    dueDate: '2025-12-01',
  })
  setActionReviewDate(doc, action, '2025-06-30')
  const view = getPriorityAction(doc, action)!
  appendParagraph(view.activity, 'Wānanga for rangatahi, "noho marae"')
  appendParagraph(view.activity, 'Second paragraph')
  appendParagraph(view.output, '=HYPERLINK("http://evil.example","click")')
  appendParagraph(view.outcome, '+1 fewer recruited')
  appendParagraph(view.impact, '@SUM(A1:A9)')
  const attendance = addMeasure(doc, action, {
    name: 'Attendance',
    baseline: -2,
    target: 40,
    unit: 'people',
    frequency: 'monthly',
    reporter: 'Kaiwhakahaere',
  })
  const untouched = addMeasure(doc, action, { name: 'Hui held', unit: 'hui', frequency: 'quarterly', reporter: 'Mere' })
  const removed = addMeasure(doc, action, { name: 'Old measure' })
  addProgressEntry(doc, action, {
    date: '2025-03-31',
    values: { [attendance]: 12, [removed]: 3 },
    status: 'in progress',
    note: 'Pai, "ka pai"\nsecond line',
    authorId: 'u1',
    authorName: 'Mere',
  })
  addProgressEntry(doc, action, { date: '2025-04-30', values: {}, status: 'at risk', note: '\tTab-led note, -2 staff', authorName: 'Hēmi' })
  removeMeasure(doc, action, removed)

  const iwi = partnerKey('iwi', 'Ngāti Awa')
  const msd = partnerKey('agency', 'MSD')
  const police = partnerKey('police', null)
  const target = { kind: 'action' as const, id: action }
  const fp = currentFingerprint(doc, target)!
  recordPosition(doc, target, iwi, { position: 'agree', userId: 'u1', userName: 'Mere', fingerprint: fp, at: 1 })
  recordPosition(doc, target, msd, { position: 'not yet', userId: 'u2', userName: 'Sam', fingerprint: fp, at: 2 })
  recordPosition(doc, target, police, { position: 'agree', userId: 'u3', userName: 'Constable', fingerprint: 'stale', at: 3 })
  setAgreedMark(
    doc,
    target,
    { snapshotId: 's1', label: 'Agreed at hui, 12 March', at: 10, by: 'u1', byName: 'Mere', fingerprint: fp },
    { source: 'server', reason: 'test' },
  )
  return {
    doc,
    action,
    youth,
    attendance,
    untouched,
    names: new Map([
      [iwi, 'Ngāti Awa'],
      [msd, 'MSD'],
    ]),
  }
}

describe('csvCell', () => {
  it('neutralises formula injection (OWASP)', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2')).toBe("'-2")
    expect(csvCell(-2)).toBe("'-2")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tlead')).toBe("'\tlead")
    expect(csvCell('\rx')).toBe(`"'\rx"`)
    expect(csvCell('a = b')).toBe('a = b')
    expect(csvCell(null)).toBe('')
  })

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('say "kia ora"')).toBe('"say ""kia ora"""')
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"')
    expect(csvCell('Ngāti Awa')).toBe('Ngāti Awa')
  })
})

describe('actionsCsv', () => {
  it('has a BOM, CRLF rows, the columns, and one row per action with macrons intact', () => {
    const { doc, names } = plan()
    const text = actionsCsv(toPlanJson(doc), { partnerNames: names })
    expect(text.startsWith('\uFEFFPlan,Community,')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    const [header, row, ...rest] = parseCsv(text)
    expect(header).toEqual([...ACTIONS_CSV_COLUMNS])
    expect(rest).toEqual([])
    const cells = Object.fromEntries(header!.map((name, i) => [name, row![i]]))
    expect(cells).toEqual({
      Plan: 'Te Mahere o Whakatāne',
      Community: 'Whakatāne',
      District: 'Bay of Plenty',
      Action: 'Tikanga-based programme',
      Status: 'In progress',
      Lead: 'Te Rūnanga o Ngāti Awa',
      'Partner organisations': 'Health NZ; Ōpōtiki College',
      'Focus areas': 'Rangatahi',
      'Due date': '1 Dec 2025',
      'Review date': '30 Jun 2025',
      Activity: 'Wānanga for rangatahi, "noho marae"\nSecond paragraph',
      Output: `'=HYPERLINK("http://evil.example","click")`,
      Outcome: "'+1 fewer recruited",
      Impact: "'@SUM(A1:A9)",
      Agreed: 'Agreed at hui, 12 March',
      'Changed since agreed': 'No',
      // The Police position was recorded on another version of the action: not current.
      Positions: 'Ngāti Awa: Agree; MSD: Not yet',
      'Last progress': '30 Apr 2025: \tTab-led note, -2 staff',
      // No origin: the action was written here, not through the server (issue 13 §1).
      'Added by': '',
      // No engagement level agreed for it (issue 13 §4).
      Engagement: '',
    })
  })

  it('says when an agreed action changed, and names partners without a given name by their key', () => {
    const { doc, action } = plan()
    replaceText(getPriorityAction(doc, action)!.title, 'Tikanga-based programme for rangatahi')
    const [header, row] = parseCsv(actionsCsv(toPlanJson(doc)))
    const cells = Object.fromEntries(header!.map((name, i) => [name, row![i]]))
    expect(cells['Changed since agreed']).toBe('Yes')
    expect(cells.Agreed).toBe('Agreed at hui, 12 March')
    // Every position was on the old version.
    expect(cells.Positions).toBe('')
  })
})

describe('monitoringCsv', () => {
  it('has one row per reported value, per measure without progress, and per report without values', () => {
    const { doc } = plan()
    const [header, ...rows] = parseCsv(monitoringCsv(toPlanJson(doc)))
    expect(header).toEqual([...MONITORING_CSV_COLUMNS])
    expect(rows).toEqual([
      [
        'Te Mahere o Whakatāne',
        'Tikanga-based programme',
        'Attendance',
        'people',
        "'-2",
        '40',
        'Monthly',
        'Kaiwhakahaere',
        '31 Mar 2025',
        '12',
        'In progress',
        'Pai, "ka pai"\nsecond line',
        'Mere',
      ],
      ['Te Mahere o Whakatāne', 'Tikanga-based programme', 'Hui held', 'hui', '', '', 'Quarterly', 'Mere', '', '', '', '', ''],
      [
        'Te Mahere o Whakatāne',
        'Tikanga-based programme',
        '(removed measure)',
        '',
        '',
        '',
        '',
        '',
        '31 Mar 2025',
        '3',
        'In progress',
        'Pai, "ka pai"\nsecond line',
        'Mere',
      ],
      [
        'Te Mahere o Whakatāne',
        'Tikanga-based programme',
        '',
        '',
        '',
        '',
        '',
        '',
        '30 Apr 2025',
        '',
        'At risk',
        "'\tTab-led note, -2 staff",
        'Hēmi',
      ],
    ])
  })
})
