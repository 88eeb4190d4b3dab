import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp } from './fixtures/app'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

describe('the language menu', () => {
  it('saves a signed-in person’s language with their account, so email comes in it too', async () => {
    const person = await signedInPerson(app, 'Rangi Reo')
    const language = async () => (await person.api.request<{ language: string }>('GET', '/api/me')).body.language
    expect(await language()).toBe('en')
    await person.page.goto(`${app.url}/plans`)
    // The header knows who is signed in once the session has loaded; only then is the choice saved.
    await person.page.locator('.signed-in-as').waitFor()
    const menu = person.page.locator('.language-select select')
    await menu.selectOption('mi')
    await waitFor(async () => (await language()) === 'mi', { message: 'the account’s language is te reo Māori' })
    await menu.selectOption('en')
    await waitFor(async () => (await language()) === 'en', { message: 'the account’s language is English again' })
    expect(uncaughtErrors(person.page)).toEqual([])
  })
})
