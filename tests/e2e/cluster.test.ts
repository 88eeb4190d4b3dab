import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { richTextToPlain, type PlanJson } from '@hononga/shared'
import { CHROMIUM, CHROMIUM_ARGS, CLIENT_DIST, screenshot, signedInPerson, uncaughtErrors, type Person } from './fixtures/app'
import { typeAtEnd, typeAtStart, WorkspacePage } from './fixtures/pages'
import { startCluster, type Cluster } from '../integration/support/cluster'
import { describeWithServices } from '../integration/support/haproxy'
import { waitFor } from '../integration/support/wait'
import { connectPlan } from '../integration/support/yclient'

/**
 * The browser client through HAProxy in front of three Hononga processes on one PostgreSQL:
 * two people in one plan keep typing while the plan's owner is killed with kill -9, and again
 * while the plan moves back to it once it is started again. Both screens converge, "Saved"
 * comes back, what the server stores is what both see, a reloaded page shows the same, and
 * not one typed word is lost.
 */

const TITLE = 'Kāinga haumaru'
/** Generous: a failover takes about a second here, a move back a few (HAProxy's checks). */
const CONVERGE_MS = 60_000

let cluster: Cluster
let browser: Browser
let aroha: Person
let hemi: Person
let planId: string

/** What a page or the server shows as text: a typed space at a paragraph's end may be a no-break space. */
const normalise = (text: string) => text.replace(/\u00a0/g, ' ')

interface Screen {
  person: Person
  workspace: WorkspacePage
}

function description(screen: Screen) {
  return screen.workspace.richText(`Description of ${TITLE}`)
}

async function shown(screen: Screen): Promise<{ title: string; description: string }> {
  const title = await screen.person.page.getByRole('textbox', { name: 'Focus area title' }).first().inputValue()
  return { title, description: normalise(await screen.workspace.textOf(description(screen))) }
}

/** Waits until both screens show the title and every sentence, the same text, and "Saved". */
async function convergedAndSaved(screens: Screen[], sentences: string[], message: string): Promise<string> {
  let last: unknown[] = []
  const texts = await waitFor(
    async () => {
      const all = await Promise.all(screens.map(shown))
      last = await Promise.all(all.map(async (each, i) => ({ ...each, state: await screens[i]!.workspace.state() })))
      const complete = all.every((each) => each.title === TITLE && sentences.every((sentence) => each.description.includes(sentence)))
      return complete && all.every((each) => each.description === all[0]!.description) ? all : null
    },
    { timeoutMs: CONVERGE_MS, intervalMs: 100, message: `${message}: every sentence on both screens` },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\nshown: ${JSON.stringify(last, null, 2)}`)
  })
  for (const screen of screens) await screen.workspace.waitForState('saved', CONVERGE_MS)
  return texts[0]!.description
}

/** The plan as the server stores it, asked through the balancer (503 while the plan changes hands). */
async function stored(): Promise<{ title: string; description: string }> {
  const response = await waitFor(
    async () => {
      const answer = await aroha.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)
      return answer.status === 200 ? answer.body : null
    },
    { timeoutMs: CONVERGE_MS, intervalMs: 200, message: 'the stored plan through the balancer' },
  )
  expect(response.focusAreas).toHaveLength(1)
  const [focusArea] = response.focusAreas
  return { title: focusArea!.title, description: normalise(richTextToPlain(focusArea!.description)) }
}

/** Reloads a page and waits for it to show the plan saved; returns what it shows. */
async function reloaded(screen: Screen): Promise<{ title: string; description: string }> {
  await screen.person.page.reload()
  await screen.workspace.waitForState('saved', CONVERGE_MS)
  await description(screen).waitFor({ timeout: CONVERGE_MS })
  return shown(screen)
}

describeWithServices('the browser through HAProxy, across a failover', () => {
  beforeAll(async () => {
    cluster = await startCluster({ env: { CLIENT_DIST, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info' } })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const app = { url: cluster.url, browser }
    aroha = await signedInPerson(app, 'Aroha Facilitator')
    hemi = await signedInPerson(app, 'Hemi Partner')
    planId = await aroha.api.createPlan('Kawerau community plan', 'Kawerau')
    await aroha.api.invite(planId, hemi.api, 'editor', 'iwi', 'Ngāti Tūwharetoa ki Kawerau')
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await cluster?.stop()
  })

  it('two people keep typing while the owner is killed and while the plan moves back; nothing is lost', async () => {
    const a: Screen = { person: aroha, workspace: new WorkspacePage(aroha.page, cluster.url) }
    const b: Screen = { person: hemi, workspace: new WorkspacePage(hemi.page, cluster.url) }
    await a.workspace.open(planId, 'focus-areas')
    await b.workspace.open(planId, 'focus-areas')

    // Aroha types a focus area's title and the start of its description; Hemi sees both.
    await aroha.page.getByRole('button', { name: 'Add focus area' }).click()
    await aroha.page.getByRole('textbox', { name: 'Focus area title' }).first().click()
    await aroha.page.keyboard.type(TITLE, { delay: 15 })
    await typeAtEnd(aroha.page, description(a), 'Kia ora. ')
    await convergedAndSaved([a, b], ['Kia ora.'], 'before the failover')

    // kill -9 of the plan's owner; both go on typing, into the gap and after it.
    const owner = await cluster.ownerOf(planId)
    expect(owner).toBeGreaterThanOrEqual(0)
    await cluster.kill(owner)
    await Promise.all([
      typeAtEnd(aroha.page, description(a), 'Whānau feel safe at home. '),
      typeAtStart(hemi.page, description(b), 'Rangatahi have somewhere to go. '),
    ])
    const { interim } = await waitFor(
      async () => {
        const now = await cluster.ownerOf(planId)
        return now >= 0 && now !== owner ? { interim: now } : null
      },
      { timeoutMs: CONVERGE_MS, intervalMs: 100, message: 'another process owns the plan' },
    )
    await Promise.all([
      typeAtEnd(aroha.page, description(a), 'Kaumātua are heard. '),
      typeAtStart(hemi.page, description(b), 'Police walk with iwi. '),
    ])
    const afterFailover = [
      'Kia ora.',
      'Whānau feel safe at home.',
      'Rangatahi have somewhere to go.',
      'Kaumātua are heard.',
      'Police walk with iwi.',
    ]
    const seen = await convergedAndSaved([a, b], afterFailover, 'after the failover')
    expect(await stored()).toEqual({ title: TITLE, description: seen })
    await screenshot(aroha.page, 'cluster-after-failover')

    // A page reloaded after the failover shows the same plan.
    expect(await reloaded(b)).toEqual({ title: TITLE, description: seen })

    // The killed process comes back; the balancer's hash sends the plan to it again, and it
    // takes the plan back from the interim owner while both people type.
    await cluster.start(owner)
    const typing = Promise.all([
      typeAtEnd(aroha.page, description(a), 'Tamariki are at kura. '),
      typeAtStart(hemi.page, description(b), 'Hui every month. '),
    ])
    await waitFor(
      async () => {
        // Someone opens the plan: the balancer sends the socket to the process the hash names,
        // which asks the interim owner to hand the plan over.
        const visitor = await connectPlan(aroha.api, cluster.wsUrl, planId)
        try {
          await visitor.synced()
        } finally {
          visitor.destroy()
        }
        return (await cluster.ownerOf(planId)) === owner
      },
      { timeoutMs: CONVERGE_MS, intervalMs: 500, message: `the plan back on process ${owner} from ${interim}` },
    )
    await typing
    await Promise.all([typeAtEnd(aroha.page, description(a), 'Ka pai. '), typeAtStart(hemi.page, description(b), 'Mā te wā. ')])
    const everything = [...afterFailover, 'Tamariki are at kura.', 'Hui every month.', 'Ka pai.', 'Mā te wā.']
    const final = await convergedAndSaved([a, b], everything, 'after the move back')
    expect(await stored()).toEqual({ title: TITLE, description: final })
    expect(await cluster.ownerOf(planId)).toBe(owner)
    expect(await reloaded(a)).toEqual({ title: TITLE, description: final })
    expect(await reloaded(b)).toEqual({ title: TITLE, description: final })
    await screenshot(hemi.page, 'cluster-after-move-back')

    expect(uncaughtErrors(aroha.page)).toEqual([])
    expect(uncaughtErrors(hemi.page)).toEqual([])
  }, 300_000)
})
