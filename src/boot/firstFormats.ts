/** The formats the app's first render makes: dollars, short durations ("every 5 sec"), "… ago". (Minutes come from the catalog, no format.) */
import type { Translator } from '../core/i18n/translator'

export const FIRST_FORMATS: ReadonlyArray<(tr: Translator) => unknown> = [(tr) => tr.usd(0), (tr) => tr.span(0), (tr) => tr.ago(0)]
