import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInPerson, startApp, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let online: Person
let traveller: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  online = await signedInPerson(app, 'Ana Online')
  traveller = await signedInPerson(app, 'Rāwiri Rural')
  planId = await online.api.createPlan('Murupara community plan', 'Murupara')
  await online.api.invite(planId, traveller.api, 'editor', 'iwi', 'Ngāti Manawa')
})
afterAll(async () => {
  await app?.close()
})

describe('working offline', () => {
  it('edits made offline merge on reconnect, and a reload offline still shows the plan from the device', async () => {
    const a = new WorkspacePage(online.page, app.url)
    const b = new WorkspacePage(traveller.page, app.url)
    await a.open(planId, 'environment')
    await b.open(planId, 'environment')
    const envA = a.richText('Understanding of the local environment')
    const envB = b.richText('Understanding of the local environment')
    await typeAtEnd(online.page, envA, 'Shared start. ')
    await waitFor(async () => (await envB.textContent())?.includes('Shared start.'), { message: 'shared start' })

    await traveller.context.setOffline(true)
    await b.waitForState('offline')
    await typeAtEnd(traveller.page, envB, 'Written offline in Murupara. ')
    await waitFor(async () => (await traveller.page.locator('.sync-status').textContent())?.includes('kept on this device'), {
      message: 'offline edits kept on the device',
    })
    await typeAtEnd(online.page, envA, 'Written online meanwhile. ')
    await a.waitForState('saved')

    await traveller.context.setOffline(false)
    await b.waitForState('saved', 30_000)
    for (const field of [envA, envB]) {
      await waitFor(
        async () => {
          const text = await a.textOf(field)
          return text.includes('Written offline in Murupara.') && text.includes('Written online meanwhile.')
        },
        { message: 'both edits in both browsers' },
      )
    }
    expect(await a.textOf(envA)).toBe(await b.textOf(envB))

    // Offline again, then reload: the app shell (service worker) and the plan (IndexedDB) are on the device.
    // The shell is on the device once the service worker has kept every asset and controls the page
    // (it installs in the background after the first load; a larger build takes longer).
    await waitFor(() => traveller.page.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'the service worker keeps the app shell',
      timeoutMs: 30_000,
      intervalMs: 100,
    })
    await traveller.context.setOffline(true)
    await traveller.page.reload()
    // Chromium keeps navigator.onLine true in a document loaded under emulated offline, so
    // the page may call this "reconnecting" rather than "offline": both say the server is out of reach.
    await waitFor(async () => ['offline', 'reconnecting'].includes((await b.state()) ?? ''), { message: 'out of reach after reload' })
    const again = b.richText('Understanding of the local environment')
    await waitFor(async () => (await again.textContent())?.includes('Written offline in Murupara.'), {
      message: 'plan shown from the device',
    })
    await traveller.context.setOffline(false)
    await b.waitForState('saved', 30_000)
  })
})
