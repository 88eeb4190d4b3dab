import { describe, expect, it } from 'vitest'
import { agendaToLines, aucklandFields, parseAgendaLines } from './scheduleText'

describe('the schedule form’s text', () => {
  it('reads one agenda item per line, with trailing minutes and known kinds', () => {
    expect(parseAgendaLines('Karakia 5\n\n  Rangatahi housing 45 min \nKai')).toEqual([
      { kind: 'karakia', title: 'Karakia', durationMinutes: 5 },
      { kind: 'item', title: 'Rangatahi housing', durationMinutes: 45 },
      { kind: 'item', title: 'Kai', durationMinutes: null },
    ])
    expect(agendaToLines(parseAgendaLines('Karakia 5\nKai'))).toBe('Karakia 5\nKai')
  })

  it('shows Aotearoa wall-clock time on either side of daylight saving', () => {
    expect(aucklandFields(Date.parse('2027-09-25T21:00:00Z'))).toEqual({ date: '2027-09-26', time: '10:00' })
    expect(aucklandFields(Date.parse('2027-04-04T02:00:00Z'))).toEqual({ date: '2027-04-04', time: '14:00' })
  })
})
