import 'i18next'
import type { catalogues } from './catalogues'

/**
 * i18n keys are typed from the English catalogues: `t('…')` with a key English lacks fails
 * `tsc -p client`. English is complete by rule (te reo Māori falls back to it), so it is the
 * list of keys that exist.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: ['common']
    resources: (typeof catalogues)['en']
  }
}
