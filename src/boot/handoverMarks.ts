/**
 * User Timing marks around the hand-over from the first screen to the app, so a performance
 * profile (and bench/mainThread.ts) can find the tasks that run while the payer looks at the first
 * screen and the app loads behind it. A mark costs a timestamp; nothing reads them in the app.
 */
export const HANDOVER_MARKS = {
  /** The entry starts importing the app (src/boot/entry.ts). */
  appStart: 'dlux:app-start',
  /** The app has replaced the first screen (src/main.ts). */
  takenOver: 'dlux:taken-over',
} as const
