import enAccess from './en/access.json'
import miAccess from './mi/access.json'
import enAgreement from './en/agreement.json'
import miAgreement from './mi/agreement.json'
import enDistrict from './en/district.json'
import miDistrict from './mi/district.json'
import enPartnership from './en/partnership.json'
import miPartnership from './mi/partnership.json'
import enComments from './en/comments.json'
import miComments from './mi/comments.json'
import enExports from './en/exports.json'
import miExports from './mi/exports.json'
import enHui from './en/hui.json'
import miHui from './mi/hui.json'
import enPanda from './en/panda.json'
import miPanda from './mi/panda.json'
import enTracker from './en/tracker.json'
import enOutbox from './en/outbox.json'
import miOutbox from './mi/outbox.json'
import miTracker from './mi/tracker.json'
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
import enWithheld from './en/withheld.json'
import enSchedule from './en/schedule.json'
import miSchedule from './mi/schedule.json'
import enNotifications from './en/notifications.json'
import miNotifications from './mi/notifications.json'
import miWithheld from './mi/withheld.json'

/**
 * The string catalogues, one file per namespace and language. Add a namespace here and in
 * both languages' folders; the i18n test checks that every Māori key exists in English and
 * that every key marked for review exists.
 */
export const NAMESPACES = [
  'common',
  'auth',
  'plans',
  'people',
  'steps',
  'workspace',
  'history',
  'agreement',
  'comments',
  'exports',
  'hui',
  'panda',
  'tracker',
  'outbox',
  'access',
  'district',
  'partnership',
  'withheld',
  'schedule',
  'notifications',
] as const
export type Namespace = (typeof NAMESPACES)[number]

export const catalogues = {
  en: {
    common: enCommon,
    withheld: enWithheld,
    auth: enAuth,
    plans: enPlans,
    people: enPeople,
    steps: enSteps,
    workspace: enWorkspace,
    history: enHistory,
    agreement: enAgreement,
    comments: enComments,
    exports: enExports,
    hui: enHui,
    panda: enPanda,
    tracker: enTracker,
    outbox: enOutbox,
    access: enAccess,
    district: enDistrict,
    partnership: enPartnership,
    schedule: enSchedule,
    notifications: enNotifications,
  },
  mi: {
    common: miCommon,
    withheld: miWithheld,
    auth: miAuth,
    plans: miPlans,
    people: miPeople,
    steps: miSteps,
    workspace: miWorkspace,
    history: miHistory,
    agreement: miAgreement,
    comments: miComments,
    exports: miExports,
    hui: miHui,
    panda: miPanda,
    tracker: miTracker,
    outbox: miOutbox,
    access: miAccess,
    district: miDistrict,
    partnership: miPartnership,
    schedule: miSchedule,
    notifications: miNotifications,
  },
}
