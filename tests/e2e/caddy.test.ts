/** The app behind Caddy with deploy/Caddyfile as shipped. */
import { describe, it } from 'vitest'
import { expectSocketSurvivesQuietSpells } from './harness/cases'
import { useE2e } from './harness/fixture'
import { CADDY_SHIPPED } from './harness/stack'

const e2e = useE2e()

describe('Caddy', () => {
  it('shipped config: the socket stays open through quiet spells, every update shown', async () => {
    await e2e.withCase('shipped', CADDY_SHIPPED, expectSocketSurvivesQuietSpells)
  })
})
