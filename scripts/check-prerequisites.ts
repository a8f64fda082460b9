/**
 * First step of `npm test`: makes sure Chromium, nginx and Caddy are on this machine before any
 * test starts. On Debian or Ubuntu it installs what is missing (as root, or through `sudo -n`);
 * anywhere else it stops at once with the command to run. Decisions: prerequisites/plan.ts.
 */
import { spawnSync } from 'node:child_process'
import { machineFacts } from './prerequisites/machine'
import { missingTools, planPrerequisites, type Plan } from './prerequisites/plan'

function stop(reason: string, command: string | null): never {
  console.error(`\nnpm test: ${reason}`)
  if (command !== null) console.error(`\n    ${command}\n`)
  process.exit(1)
}

function install(plan: Extract<Plan, { kind: 'install' }>): void {
  console.log(`npm test: installing ${plan.missing.join(', ')} for the end-to-end tests: ${plan.display}`)
  // A Debian nginx package may start a system nginx on port 80; the tests never use it (they run
  // their own nginx on loopback ports under a private prefix).
  for (const [command, ...args] of plan.commands) {
    const result = spawnSync(command as string, args, { stdio: 'inherit' })
    if (result.status !== 0) stop(`"${[command, ...args].join(' ')}" failed; run it yourself:`, plan.display)
  }
}

const plan = planPrerequisites(machineFacts())
if (plan.kind === 'stop') stop(plan.reason, plan.command)
if (plan.kind === 'install') {
  install(plan)
  const after = machineFacts()
  const still = missingTools(after)
  if (still.length > 0) stop(`still missing after installing: ${still.join(', ')}. Run:`, plan.display)
}
