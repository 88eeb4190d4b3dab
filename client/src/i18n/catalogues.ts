import enAuth from './en/auth.json'
import enCommon from './en/common.json'
import enHistory from './en/history.json'
import enPeople from './en/people.json'
import enPlans from './en/plans.json'
import enSteps from './en/steps.json'
import enWorkspace from './en/workspace.json'
import miAuth from './mi/auth.json'
import miCommon from './mi/common.json'
import miHistory from './mi/history.json'
import miPeople from './mi/people.json'
import miPlans from './mi/plans.json'
import miSteps from './mi/steps.json'
import miWorkspace from './mi/workspace.json'

/**
 * The string catalogues, one file per namespace and language. Add a namespace here and in
 * both languages' folders; the i18n test checks that every Māori key exists in English and
 * that every key marked for review exists.
 */
export const NAMESPACES = ['common', 'auth', 'plans', 'people', 'steps', 'workspace', 'history'] as const
export type Namespace = (typeof NAMESPACES)[number]

export const catalogues = {
  en: { common: enCommon, auth: enAuth, plans: enPlans, people: enPeople, steps: enSteps, workspace: enWorkspace, history: enHistory },
  mi: { common: miCommon, auth: miAuth, plans: miPlans, people: miPeople, steps: miSteps, workspace: miWorkspace, history: miHistory },
}
