/**
 * Component tests run with all of English's words loaded, as the app renders only once its
 * language's page words are in (src/main.ts). A test that switches language switches back itself.
 */
import { beforeAll } from 'vitest'
import { showLanguage } from '../../src/core/i18n/activeLanguage'

beforeAll(async () => {
  await showLanguage('en', ['first', 'page'])
})
