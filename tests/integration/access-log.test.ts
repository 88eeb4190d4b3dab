import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessLogPage, parseResponse, type AccessEntry, type AccessKind, type SnapshotSummary } from '@hononga/shared'
import { loadConfig } from '../../server/src/config'
import { pruneAccessLog } from '../../server/src/lifecycle/purge'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * The access log (issue 13, part 2) through the real server: what each kind of access records
 * (the person and partner from the server's membership row), openings coalesced per day,
 * filters, paging, the CSV (itself logged), who may read it, archive, and that nothing deletes it.
 */

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

const join = (api: ApiClient, planId: string) => pool.join(api, server.wsUrl, planId)

// Registrations are limited per network (20 an hour): the same people join a fresh plan in each test.
let people: { mere: ApiClient; tama: ApiClient; hine: ApiClient; stranger: ApiClient } | undefined

/** A fresh plan with Mere (facilitator, Police), Tama (editor for Ngāti Awa) and Hine (viewer for an agency). */
async function scene() {
  people ??= {
    mere: await new ApiClient(server.url).register('Mere Facilitator'),
    tama: await new ApiClient(server.url).register('Tama Editor'),
    hine: await new ApiClient(server.url).register('Hine Viewer'),
    stranger: await new ApiClient(server.url).register('Stranger'),
  }
  const { mere, tama, hine } = people
  const planId = await mere.createPlan()
  await mere.invite(planId, tama, 'editor', 'iwi', 'Ngāti Awa')
  await mere.invite(planId, hine, 'viewer', 'agency', 'Oranga Tamariki')
  return { ...people, planId }
}

async function page(api: ApiClient, planId: string, query = ''): Promise<AccessLogPage> {
  const response = await api.request('GET', `/api/plans/${planId}/access-log${query}`)
  expect(response.status).toBe(200)
  const parsed = parseResponse(AccessLogPage, response.body)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.value
}

const kindsOf = (entries: AccessEntry[]) => entries.map((entry) => entry.kind)
const byPerson = (entries: AccessEntry[], api: ApiClient, kind?: AccessKind) =>
  entries.filter((entry) => entry.person?.id === api.user!.id && (kind === undefined || entry.kind === kind))

describe('access log', () => {
  it('records each kind of access with the person and the partner the server has for them', async () => {
    const { mere, tama, planId } = await scene()
    await join(tama, planId)
    const opened = await waitFor(async () => byPerson((await page(mere, planId)).entries, tama, 'plan.opened')[0], { message: 'opening' })
    expect(opened).toMatchObject({
      person: { id: tama.user!.id, name: 'Tama Editor' },
      partner: { affiliation: 'iwi', organisation: 'Ngāti Awa' },
    })
    expect(Date.parse(opened.at)).toBeGreaterThan(Date.now() - 60_000)

    const snapshot = await mere.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Hui, 12 March' })
    expect(snapshot.status).toBe(201)
    const sid = snapshot.body.id
    expect((await tama.request('GET', `/api/plans/${planId}/snapshots/${sid}`)).status).toBe(200)
    expect((await tama.request('GET', `/api/plans/${planId}/diff?from=${sid}`)).status).toBe(200)
    expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    expect((await tama.request('GET', `/api/plans/${planId}/export/actions.csv`)).status).toBe(200)
    expect((await tama.request('GET', `/api/plans/${planId}/export/monitoring.csv`)).status).toBe(200)
    // A snapshot that is not there is not a view.
    expect((await tama.request('GET', `/api/plans/${planId}/snapshots/nosuchsnapshot`)).status).toBe(404)
    // Only Mere's own entries carry Police: what a device might claim plays no part.
    expect((await mere.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)

    const { entries } = await page(mere, planId)
    const tamas = byPerson(entries, tama)
    expect(kindsOf(tamas)).toEqual(['export.csv', 'export.csv', 'export.json', 'diff.viewed', 'snapshot.viewed', 'plan.opened'])
    for (const entry of tamas) expect(entry.partner).toEqual({ affiliation: 'iwi', organisation: 'Ngāti Awa' })
    expect(tamas.map((entry) => entry.details)).toEqual([
      { file: 'monitoring' },
      { file: 'actions' },
      {},
      { from: sid, to: null },
      { snapshotId: sid, label: 'Hui, 12 March' },
      {},
    ])
    expect(byPerson(entries, mere, 'export.json')).toEqual([
      expect.objectContaining({
        person: { id: mere.user!.id, name: 'Mere Facilitator' },
        partner: { affiliation: 'police', organisation: null },
      }),
    ])
  })

  it('records opening once per person per day however often they reconnect', async () => {
    const { mere, tama, hine, planId } = await scene()
    const first = await join(tama, planId)
    await waitFor(async () => byPerson((await page(mere, planId)).entries, tama, 'plan.opened').length === 1, { message: 'first opening' })
    first.destroy()
    await join(tama, planId)
    await join(tama, planId)
    // Hine opens after Tama's reconnections: once hers is in, theirs have been handled.
    await join(hine, planId)
    const { entries } = await waitFor(
      async () => {
        const current = await page(mere, planId)
        return byPerson(current.entries, hine, 'plan.opened').length === 1 ? current : null
      },
      { message: 'Hine’s opening' },
    )
    expect(byPerson(entries, tama, 'plan.opened')).toHaveLength(1)
    expect(byPerson(entries, hine, 'plan.opened')[0]!.partner).toEqual({ affiliation: 'agency', organisation: 'Oranga Tamariki' })
  })

  it('filters by partner and kind, and pages newest first', async () => {
    const { mere, tama, hine, planId } = await scene()
    for (let i = 0; i < 3; i++) expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    for (let i = 0; i < 2; i++) expect((await hine.request('GET', `/api/plans/${planId}/export/actions.csv`)).status).toBe(200)
    expect((await mere.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)

    // As entries name it, and as a partner key (lower case): the same partner.
    for (const partner of ['iwi:Ngāti Awa', 'iwi:ngāti awa']) {
      const awa = await page(hine, planId, `?partner=${encodeURIComponent(partner)}`)
      expect(awa.entries.map((entry) => [entry.person?.name, entry.kind])).toEqual(Array(3).fill(['Tama Editor', 'export.json']))
    }
    const police = await page(tama, planId, `?partner=${encodeURIComponent('police:')}`)
    expect(police.entries.map((entry) => entry.person?.name)).toEqual(['Mere Facilitator'])
    const json = await page(tama, planId, '?kind=export.json')
    expect(json.entries.map((entry) => entry.person?.name)).toEqual(['Mere Facilitator', 'Tama Editor', 'Tama Editor', 'Tama Editor'])
    const both = await page(tama, planId, `?kind=export.csv&partner=${encodeURIComponent('agency:Oranga Tamariki')}`)
    expect(both.entries).toHaveLength(2)
    expect((await page(tama, planId, `?kind=export.csv&partner=iwi:`)).entries).toEqual([])

    const all = (await page(mere, planId, '?limit=200')).entries
    expect(all).toHaveLength(6)
    const first = await page(mere, planId, '?limit=4')
    expect(first.entries).toEqual(all.slice(0, 4))
    expect(first.nextBefore).toBe(all[3]!.id)
    const second = await page(mere, planId, `?limit=4&before=${first.nextBefore}`)
    expect(second.entries).toEqual(all.slice(4))
    expect(second.nextBefore).toBeNull()
    const ids = all.map((entry) => entry.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    for (const bad of ['?kind=plan.edited', '?partner=chiefs:x', '?partner=nocolon', '?limit=0', '?limit=201', '?before=-1']) {
      const refused = await mere.request<{ error: { code: string } }>('GET', `/api/plans/${planId}/access-log${bad}`)
      expect(refused.status, bad).toBe(400)
      expect(refused.body.error.code).toBe('validation_failed')
    }
  })

  it('downloads the whole log as CSV (filters apply), and logs that download', async () => {
    const { mere, tama, planId } = await scene()
    expect((await tama.request('GET', `/api/plans/${planId}/export/actions.csv`)).status).toBe(200)
    expect((await mere.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)

    const response = await fetch(`${server.url}/api/plans/${planId}/access-log.csv`, {
      headers: { cookie: tama.cookie!, origin: server.url },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.access-log\.csv"; filename\*=UTF-8''/)
    const text = await response.text()
    const lines = text.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]).toBe('Time (UTC),Time (Aotearoa),Person,Partner,Kind,Details')
    const rows = lines.slice(1, -1)
    expect(rows).toHaveLength(3)
    // Newest first: the download itself, recorded before the file was written.
    expect(rows[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z,"\d{1,2} \w{3} \d{4}, \d{1,2}:\d\d [ap]m",Tama Editor,Ngāti Awa \(Iwi \/ hapū\),access-log\.downloaded,\{\}$/,
    )
    expect(rows[1]).toMatch(/,Mere Facilitator,Police,export\.json,\{\}$/)
    expect(rows[2]).toMatch(/,Tama Editor,Ngāti Awa \(Iwi \/ hapū\),export\.csv,"\{""file"":""actions""\}"$/)

    const logged = byPerson((await page(mere, planId)).entries, tama, 'access-log.downloaded')
    expect(logged).toHaveLength(1)
    expect(logged[0]!.partner).toEqual({ affiliation: 'iwi', organisation: 'Ngāti Awa' })

    const filtered = await mere.request<string>('GET', `/api/plans/${planId}/access-log.csv?kind=export.json`)
    expect(filtered.status).toBe(200)
    const filteredRows = filtered.body.split('\r\n').slice(1, -1)
    expect(filteredRows).toHaveLength(1)
    expect(filteredRows[0]).toMatch(/,Mere Facilitator,Police,export\.json,/)
    expect(byPerson((await page(mere, planId)).entries, mere, 'access-log.downloaded')[0]!.details).toEqual({ kind: 'export.json' })
  })

  it('is for members only: a non-member gets 404, signed out 401', async () => {
    const { tama, stranger, planId } = await scene()
    expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    for (const path of ['/access-log', '/access-log.csv']) {
      const refused = await stranger.request<{ error: { code: string } }>('GET', `/api/plans/${planId}${path}`)
      expect(refused.status).toBe(404)
      expect(refused.body.error.code).toBe('not_found')
      expect((await new ApiClient(server.url).request('GET', `/api/plans/${planId}${path}`)).status).toBe(401)
    }
    expect((await stranger.request('GET', `/api/plans/nosuchplan00/access-log`)).status).toBe(404)
    // The stranger's attempts are no access: nothing was recorded for them.
    const { entries } = await page(tama, planId)
    expect(byPerson(entries, stranger)).toEqual([])
  })

  it('survives archive: an archived plan keeps and still shows its log, and its download is logged', async () => {
    const { mere, tama, planId } = await scene()
    expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    const before = (await page(mere, planId)).entries
    expect((await mere.request('POST', `/api/plans/${planId}/archive`)).status).toBe(200)
    expect((await page(tama, planId)).entries).toEqual(before)
    expect((await tama.request('GET', `/api/plans/${planId}/access-log.csv`)).status).toBe(200)
    expect(kindsOf((await page(tama, planId)).entries)).toEqual(['access-log.downloaded', ...kindsOf(before)])
  })

  it('has no route that edits or deletes it', async () => {
    const { mere, tama, planId } = await scene()
    expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    const before = (await page(mere, planId)).entries
    const id = before[0]!.id
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST']) {
      for (const path of ['/access-log', `/access-log/${id}`, '/access-log.csv']) {
        const response = await mere.request(method, `/api/plans/${planId}${path}`, method === 'DELETE' ? undefined : {})
        expect(response.status, `${method} ${path}`).toBe(404)
      }
    }
    expect((await page(mere, planId)).entries).toEqual(before)
  })

  it('a view is served when it cannot be recorded; a download is not (503)', async () => {
    const { mere, tama, planId } = await scene()
    const snapshot = await mere.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Hui' })
    const sqlite = server.db!.$client
    // A real fault in the database: the table is missing while these requests run.
    sqlite.exec('ALTER TABLE access_events RENAME TO access_events_away')
    try {
      expect((await tama.request('GET', `/api/plans/${planId}/snapshots/${snapshot.body.id}`)).status).toBe(200)
      expect((await tama.request('GET', `/api/plans/${planId}/diff?from=${snapshot.body.id}`)).status).toBe(200)
      for (const path of ['/export.json', '/export/actions.csv', '/export/monitoring.csv', '/access-log.csv']) {
        const refused = await tama.request<{ error: { code: string } }>('GET', `/api/plans/${planId}${path}`)
        expect(refused.status, path).toBe(503)
        expect(refused.body.error.code).toBe('plan_unavailable')
        expect(refused.headers.get('retry-after')).toBe('5')
      }
    } finally {
      sqlite.exec('ALTER TABLE access_events_away RENAME TO access_events')
    }
    expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    expect(kindsOf(byPerson((await page(mere, planId)).entries, tama))).toEqual(['export.json'])
  })

  it('keeps entries for ACCESS_LOG_RETENTION_DAYS (at least 30), then the daily purge removes them', async () => {
    const { mere, tama, planId } = await scene()
    expect((await tama.request('GET', `/api/plans/${planId}/export.json`)).status).toBe(200)
    expect(loadConfig({}).accessLogRetentionDays).toBe(730)
    expect(() => loadConfig({ ACCESS_LOG_RETENTION_DAYS: '29' })).toThrow(/ACCESS_LOG_RETENTION_DAYS/)
    const DAY = 24 * 60 * 60 * 1000
    const deps = { repos: server.storage.repos, collab: server.engine, log: server.log, accessLogRetentionDays: 30 }
    expect(await pruneAccessLog({ ...deps, now: () => Date.now() + 29 * DAY })).toBe(0)
    expect((await page(mere, planId)).entries).toHaveLength(1)
    expect(await pruneAccessLog({ ...deps, now: () => Date.now() + 31 * DAY })).toBeGreaterThanOrEqual(1)
    expect((await page(mere, planId)).entries).toEqual([])
  })
})
