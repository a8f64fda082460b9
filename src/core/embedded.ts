/** Whether the page runs inside a frame (dlux.io embeds it). Its own module: the entry needs only this. */

/** The bits of `window` this needs; tests pass fakes. */
export interface FramedWindow {
  parent: unknown
}

export function isEmbedded(win: FramedWindow): boolean {
  return win.parent !== null && win.parent !== (win as unknown)
}
