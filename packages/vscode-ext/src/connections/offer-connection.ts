import type { WindowPort } from '../ports.js';

const START = 'Start Local Simulator';
const ADD = 'Add Connection';

/**
 * Without a connection: says what one is needed for ("no connection to search customers on") and
 * offers to start the local simulator or add a connection, running the chosen command.
 * @returns the command run, or undefined when dismissed.
 */
export async function offerConnection(
  window: Pick<WindowPort, 'showWarningMessage'>,
  run: (command: string) => unknown,
  purpose: string,
): Promise<string | undefined> {
  const choice = await window.showWarningMessage(`carbonTRACK: no connection to ${purpose}.`, START, ADD);
  const command =
    choice === START ? 'carbontrack.simulator.start' : choice === ADD ? 'carbontrack.connections.add' : undefined;
  if (command) await run(command);
  return command;
}
