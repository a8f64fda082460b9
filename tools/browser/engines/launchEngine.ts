/** The engine name to its launcher: the one place that knows which client drives which browser. */
import type { EngineBrowser, EngineName } from '../enginePage'
import { launchChromium } from './chromium'
import { launchFirefox } from './firefox'
import { launchWebKit } from './webkit'

const LAUNCHERS: Record<EngineName, () => Promise<EngineBrowser>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
}

/** @example const browser = await launchEngine('webkit') */
export function launchEngine(engine: EngineName): Promise<EngineBrowser> {
  return LAUNCHERS[engine]()
}
