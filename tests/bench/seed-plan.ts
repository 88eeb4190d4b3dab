import * as Y from 'yjs'
import {
  addCondition,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  appendParagraph,
  getCondition,
  getFocusArea,
  getPlanRoots,
  getPriorityAction,
  setActionDueDate,
  setActionLead,
  type ActionId,
} from '@hononga/shared'
import { ApiClient } from '../integration/support/api'
import { waitFor } from '../integration/support/wait'
import { connectPlan } from '../integration/support/yclient'

/**
 * A rich-text field a person can type in: the editor, or (since issue 11) the text shown as it
 * is, which becomes the editor when focused. Read-only fields say `aria-readonly`.
 */
export const EDITABLE_RICH_TEXT = '[role="textbox"].rich-text-input:not([aria-readonly="true"])'

/** Text that marks the plan's first focus area, so a browser can tell the plan has arrived. */
export const SEED_MARKER = 'Kia kaha te hapori'

const paragraph = (n: number) =>
  `${n}. Whānau, iwi and agencies described how organised crime reaches young people through social media, debt and family ties; ` +
  'the hui agreed to focus on prevention, support for those leaving gangs, and better sharing of what each partner knows.'

/** How many priority actions a seeded plan has, and how full each one is. */
export interface SeedShape {
  actions: number
  /** Paragraphs in each part of an action's results chain. */
  paragraphsPerPart: number
  measuresPerAction: number
}

/** The plan `pnpm bench:open` has always opened: 6 actions, one paragraph per part, one measure. */
export const DEFAULT_SHAPE: SeedShape = { actions: 6, paragraphsPerPart: 1, measuresPerAction: 1 }

/** A district plan's actions as issue 11 measured them: two paragraphs per part, two measures. */
export const largePlanShape = (actions: number): SeedShape => ({ actions, paragraphsPerPart: 2, measuresPerAction: 2 })

/**
 * A realistic plan (8 focus areas, an environment write-up, 4 conditions, and by default 6
 * actions with full results chains and measures), written through the stock y-websocket
 * client as a person would.
 */
export async function seedPlan(
  baseUrl: string,
  wsUrl: string,
  name = 'Bench Facilitator',
  shape: SeedShape = DEFAULT_SHAPE,
): Promise<{ api: ApiClient; planId: string }> {
  const api = await new ApiClient(baseUrl).register(name)
  const planId = await api.createPlan('Te Teko community plan', 'Te Teko')
  const client = await connectPlan(api, wsUrl, planId)
  await client.synced()
  const doc = client.doc
  doc.transact(() => {
    for (let i = 0; i < 8; i++) {
      const id = addFocusArea(doc, { title: i === 0 ? SEED_MARKER : `Focus area ${i + 1}: whānau wellbeing` })
      const description = getFocusArea(doc, id)!.description
      appendParagraph(description, i === 0 ? `${SEED_MARKER}. ${paragraph(0)}` : paragraph(i))
      appendParagraph(description, paragraph(i + 10))
    }
    for (let i = 0; i < 6; i++) appendParagraph(getPlanRoots(doc).environment, paragraph(i + 20))
    for (let i = 0; i < 4; i++) {
      const id = addCondition(doc, { title: `Condition ${i + 1}: shared data agreements in place` })
      appendParagraph(getCondition(doc, id)!.description, paragraph(i + 30))
    }
    for (let i = 0; i < shape.actions; i++) {
      const id: ActionId = addPriorityAction(doc, { title: `Action ${i + 1}: youth employment pathway` })
      const action = getPriorityAction(doc, id)!
      for (const part of ['activity', 'output', 'outcome', 'impact'] as const) {
        for (let p = 0; p < shape.paragraphsPerPart; p++) appendParagraph(action[part], paragraph(i + 40 + p))
      }
      setActionLead(doc, id, 'Ngāti Awa Social and Health Services')
      setActionDueDate(doc, id, '2027-06-30')
      for (let m = 0; m < shape.measuresPerAction; m++) {
        addMeasure(doc, id, {
          name: m === 0 ? 'Young people in training' : `Measure ${m + 1}: whānau supported`,
          baseline: 12,
          target: 40,
          unit: 'people',
          frequency: 'monthly',
          reporter: 'MSD',
        })
      }
    }
  })
  // Written when another client sees it: the server only broadcasts what it has stored.
  const check = await connectPlan(api, wsUrl, planId)
  await waitFor(() => Y.encodeStateVector(check.doc).toString() === Y.encodeStateVector(doc).toString(), { message: 'seed stored' })
  check.destroy()
  client.destroy()
  return { api, planId }
}
