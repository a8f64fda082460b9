// @ts-check
/**
 * First step of `npm test`: makes sure the three browsers (Chromium, Firefox ESR, WebKitGTK's
 * WebDriver with `xvfb-run`), nginx and Caddy are on this machine before any test starts. On Debian or Ubuntu it installs what is missing (as root, or through `sudo -n`);
 * anywhere else it stops at once with the command to run. Decisions: prerequisites/plan.mjs.
 *
 *   node scripts/check-prerequisites.mjs      (exit code 0: ready; 1: stopped)
 */
import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { machineFacts } from './prerequisites/machine.mjs'
import { missingTools, planPrerequisites } from './prerequisites/plan.mjs'

/**
 * What the check does to the world; tests pass fakes.
 * @typedef {object} CheckEffects
 * @property {() => import('./prerequisites/plan.mjs').MachineFacts} facts Reads the machine (again after installing).
 * @property {(argv: string[]) => number | null} run Runs a command with the terminal attached; its exit status.
 * @property {(text: string) => void} say Progress, on stdout.
 * @property {(text: string) => void} complain Why it stopped, on stderr.
 */

/**
 * Plans, installs if that is the plan, and says what happened.
 * @param {CheckEffects} effects
 * @returns {number} the exit code: 0 ready, 1 stopped
 */
export function checkPrerequisites(effects) {
  /** @param {string} reason @param {string | null} command */
  const stop = (reason, command) => {
    effects.complain(`\nnpm test: ${reason}\n${command === null ? '' : `\n    ${command}\n`}`)
    return 1
  }
  const plan = planPrerequisites(effects.facts())
  if (plan.kind === 'ready') return 0
  if (plan.kind === 'stop') return stop(plan.reason, plan.command)

  effects.say(`npm test: installing ${plan.missing.join(', ')} for the end-to-end tests: ${plan.display}`)
  // A Debian nginx package may start a system nginx on port 80; the tests never use it (they run
  // their own nginx on loopback ports under a private prefix).
  for (const argv of plan.commands) {
    if (effects.run(argv) !== 0) return stop(`"${argv.join(' ')}" failed; run it yourself:`, plan.display)
  }
  const still = missingTools(effects.facts())
  if (still.length > 0) return stop(`still missing after installing: ${still.join(', ')}. Run:`, plan.display)
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = checkPrerequisites({
    facts: () => machineFacts(),
    run: ([command = '', ...args]) => spawnSync(command, args, { stdio: 'inherit' }).status,
    say: (text) => console.log(text),
    complain: (text) => console.error(text),
  })
}
