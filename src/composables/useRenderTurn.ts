/**
 * Whether a part of the page may render yet: at once, unless the app provides render turns
 * (src/core/renderTurns.ts) while it renders off screen, in which case the part waits for its turn.
 */
import { inject, onScopeDispose, ref, type InjectionKey, type Ref } from 'vue'
import type { RenderTurns } from '../core/renderTurns'

/** Provided by the app (src/main.ts) while it renders off screen; absent in tests and later mounts. */
export const RENDER_TURNS: InjectionKey<RenderTurns> = Symbol('render-turns')

export function useRenderTurn(): Readonly<Ref<boolean>> {
  const turns = inject(RENDER_TURNS, null)
  const ready = ref(turns === null)
  if (turns !== null) onScopeDispose(turns.request(() => (ready.value = true)))
  return ready
}
