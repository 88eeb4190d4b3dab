import type * as Y from 'yjs'
import { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { FocusAreaId } from '../ids'
import type { TxOrigin } from '../origin'
import { addPriorityAction, getPriorityAction } from './actions'
import { richTextToPlain } from './diff'
import { PlanJson, type RichTextJson } from './json'
import { RESULTS_CHAIN } from './keys'
import { addMeasure } from './monitoring'
import { richTextSchema, setFragmentFromJSON } from './richtext'
import { getPlanRoots } from './roots'
import { addCondition, addFocusArea, getCondition, getFocusArea } from './sections'
import { wellFormed } from './text'

/**
 * Starting a plan from another plan (an exported file used as a template): the content a
 * community agreed, without the people, positions and history that belong to that plan.
 */

function sanitise(node: RichTextJson): RichTextJson {
  const copy: RichTextJson = { ...node }
  if (typeof node.text === 'string') copy.text = wellFormed(node.text)
  if (node.content) copy.content = node.content.map(sanitise)
  return copy
}

function paragraphs(text: string): RichTextJson {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  }
}

/**
 * Rich text ready to write: `null` when empty (the field stays empty), the text itself when
 * it fits the schema, else its words as plain paragraphs. Never throws.
 */
function writableRichText(json: RichTextJson): RichTextJson | null {
  if (json.type === 'doc' && (json.content?.length ?? 0) === 0) return null
  const clean = sanitise(json)
  try {
    const node = ProseMirrorNode.fromJSON(richTextSchema, clean)
    if (node.type !== richTextSchema.topNodeType) throw new Error('not a doc')
    node.check()
    return clean
  } catch {
    const text = wellFormed(richTextToPlain(clean))
    return text === '' ? null : paragraphs(text)
  }
}

function writeRichText(fragment: Y.XmlFragment | undefined, json: RichTextJson | null, origin: TxOrigin): void {
  if (fragment && json) setFragmentFromJSON(fragment, json, origin)
}

/**
 * Fills a freshly created plan document (after `initPlanDoc`, before anyone edits it) with
 * the content of `plan`: focus areas, the environment, conditions for success, and priority
 * actions with their results chain, lead, partners, due date, focus-area links and
 * monitoring measures. Actions start again as 'proposed', with no lead member (the lead's
 * name is kept) and no progress. Agreement positions and marks, comments, the hui, review
 * dates and the problem-solving answers are not carried over: a template starts a new plan.
 *
 * Everything is checked before anything is written, and written in one transaction, so a
 * bad file changes nothing. Rich text that does not fit the schema is kept as plain
 * paragraphs rather than refused.
 */
export function importPlanContent(doc: Y.Doc, plan: PlanJson, origin: TxOrigin): void {
  const source = PlanJson.parse(plan)
  const roots = getPlanRoots(doc)
  if (roots.focusAreas.size > 0 || roots.conditions.size > 0 || roots.actions.size > 0 || roots.environment.length > 0) {
    throw new Error('A plan can only be filled from a template while it is still empty')
  }
  const focusAreas = source.focusAreas.map((f) => ({ id: f.id, title: wellFormed(f.title), description: writableRichText(f.description) }))
  const conditions = source.conditions.map((c) => ({ title: wellFormed(c.title), description: writableRichText(c.description) }))
  const environment = writableRichText(source.environment)
  const actions = source.actions.map((action) => ({
    ...action,
    title: wellFormed(action.title),
    chain: RESULTS_CHAIN.map((step) => writableRichText(action[step])),
  }))

  doc.transact(() => {
    const newFocusAreaIds = new Map<string, FocusAreaId>()
    for (const focusArea of focusAreas) {
      const id = addFocusArea(doc, { title: focusArea.title }, origin)
      newFocusAreaIds.set(focusArea.id, id)
      writeRichText(getFocusArea(doc, id)?.description, focusArea.description, origin)
    }
    if (environment) setFragmentFromJSON(roots.environment, environment, origin)
    for (const condition of conditions) {
      const id = addCondition(doc, { title: condition.title }, origin)
      writeRichText(getCondition(doc, id)?.description, condition.description, origin)
    }
    for (const action of actions) {
      const id = addPriorityAction(
        doc,
        {
          title: action.title,
          focusAreaIds: action.focusAreaIds.flatMap((old) => newFocusAreaIds.get(old) ?? []),
          status: 'proposed',
          lead: wellFormed(action.lead),
          leadUserId: null,
          partners: action.partners.map(wellFormed),
          dueDate: action.dueDate,
        },
        origin,
      )
      const view = getPriorityAction(doc, id)
      RESULTS_CHAIN.forEach((step, i) => writeRichText(view?.[step], action.chain[i] ?? null, origin))
      for (const measure of action.measures) {
        const { name, baseline, target, unit, frequency, reporter } = measure
        addMeasure(
          doc,
          id,
          { name: wellFormed(name), baseline, target, unit: wellFormed(unit), frequency, reporter: wellFormed(reporter) },
          origin,
        )
      }
    }
  }, origin)
}
