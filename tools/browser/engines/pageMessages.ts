/**
 * What a page says besides its DOM: console lines, uncaught errors and dialogs (dismissed at once),
 * collected for the failure artifacts. Playwright's and puppeteer's pages emit the same three events
 * with the same shapes, so one collector serves Chromium and Firefox.
 */

interface ConsoleMessageLike {
  type(): string
  text(): string
}

interface DialogLike {
  type(): string
  message(): string
  dismiss(): Promise<void>
}

/** The part of a Playwright or puppeteer page this reads. */
export interface MessagingPage {
  on(event: 'console', listener: (message: ConsoleMessageLike) => void): unknown
  on(event: 'pageerror', listener: (error: unknown) => void): unknown
  on(event: 'dialog', listener: (dialog: DialogLike) => void): unknown
}

const stamp = (): string => new Date().toISOString().slice(11, 23)

/** Starts collecting; the arrays fill as the page runs. */
export function collectPageMessages(page: MessagingPage): { consoleLines: string[]; dialogs: string[] } {
  const consoleLines: string[] = []
  const dialogs: string[] = []
  page.on('console', (message) => consoleLines.push(`${stamp()} [${message.type()}] ${message.text()}`))
  page.on('pageerror', (error) => consoleLines.push(`${stamp()} [pageerror] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    consoleLines.push(`${stamp()} [dialog] ${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => undefined)
  })
  return { consoleLines, dialogs }
}
