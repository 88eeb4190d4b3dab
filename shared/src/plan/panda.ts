import type * as Y from 'yjs'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { COLLAB_ROOT_KEYS, PANDA_ANSWER_PREFIX } from './keys'

/**
 * The PANDA problem-solving guide beside the ROCC steps: five stages (problem scanning,
 * analysis, nominate a strategy, deploy, assess) and the target-test-track thread through
 * them, each with prompts a facilitator works through with partners, ticks off and answers
 * in the plan. The prompts' wording lives in the client's catalogues (`panda` namespace);
 * here are their stable ids. Never remove or reuse an id: answers are stored under it.
 */
export const PANDA_STAGES = [
  { id: 'problem', prompts: ['problem.harm', 'problem.pattern', 'problem.shared', 'problem.drivers'] },
  { id: 'analysis', prompts: ['analysis.patterns', 'analysis.powerFew', 'analysis.pastLessons', 'analysis.ownLens'] },
  { id: 'nominate', prompts: ['nominate.success', 'nominate.gaps', 'nominate.options', 'nominate.measures'] },
  { id: 'deploy', prompts: ['deploy.milestones', 'deploy.roles', 'deploy.review', 'deploy.changeTack'] },
  { id: 'assess', prompts: ['assess.outcomesMet', 'assess.unintended', 'assess.lessons', 'assess.elsewhere'] },
  { id: 'ttt', prompts: ['ttt.target', 'ttt.test', 'ttt.track'] },
] as const

export type PandaStageId = (typeof PANDA_STAGES)[number]['id']
export type PandaPromptId = (typeof PANDA_STAGES)[number]['prompts'][number]
export const PANDA_PROMPTS: readonly PandaPromptId[] = PANDA_STAGES.flatMap((stage) => stage.prompts)

export function isPandaPrompt(id: string): id is PandaPromptId {
  return (PANDA_PROMPTS as readonly string[]).includes(id)
}

/**
 * The plan's answer to one prompt: a root Y.Text of its own, so that two facilitators
 * answering the same prompt for the first time at once both keep their words.
 */
export function pandaAnswer(doc: Y.Doc, prompt: PandaPromptId): Y.Text {
  return doc.getText(`${PANDA_ANSWER_PREFIX}${prompt}`)
}

export function pandaDoneRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.pandaDone)
}

export function isPandaDone(doc: Y.Doc, prompt: PandaPromptId): boolean {
  return pandaDoneRoot(doc).get(prompt) === true
}

export function setPandaDone(doc: Y.Doc, prompt: PandaPromptId, done: boolean, origin: TxOrigin = LOCAL_ORIGIN): void {
  doc.transact(() => pandaDoneRoot(doc).set(prompt, done), origin)
}
