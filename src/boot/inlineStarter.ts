/** The script inlined into the built index.html (build/inlineStarter.ts): see starter.ts. */
import { runStarter } from './starter'

runStarter()
