import { describe, expect, it } from 'vitest'
import { ACTION_STATUS_WORDS, AFFILIATION_WORDS, FREQUENCY_WORDS, POSITION_WORDS, ROLE_WORDS } from '@hononga/shared'
import enAgreement from './en/agreement.json'
import enCommon from './en/common.json'
import enSteps from './en/steps.json'

/**
 * The server writes exports in the words the screen uses (shared/src/words.ts). Those words
 * are copies of the English catalogue's: this keeps the two from drifting apart.
 */
describe('the words exports use', () => {
  it('are the English words the screen shows', () => {
    expect(ACTION_STATUS_WORDS).toEqual(enSteps.status)
    expect(FREQUENCY_WORDS).toEqual(enSteps.frequency)
    expect(POSITION_WORDS).toEqual(enAgreement.positions)
    expect(AFFILIATION_WORDS).toEqual(enCommon.affiliations)
    expect(ROLE_WORDS).toEqual(enCommon.roles)
  })
})
