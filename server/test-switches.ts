/**
 * The test-only "Python walls off" switch on the server. Only the server
 * process's own environment turns it on (EXCEL_AI_TEST_WALLS_OFF=1): never a
 * request field, a CLI flag or a pane setting. With it, bwrap.py passes
 * --test-walls-off to runner.py, which then runs the code with the real
 * builtins and no pre-check, runtime guard or audit hook, as if an attacker
 * had defeated them; tests use it to show that bubblewrap and this server
 * alone hold every guarantee. It is reported loudly at start.
 */
export const WALLS_OFF_VARIABLE = 'EXCEL_AI_TEST_WALLS_OFF';

export function wallsOffForTests(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[WALLS_OFF_VARIABLE] === '1';
}

export const WALLS_OFF_WARNING =
  `${WALLS_OFF_VARIABLE}=1: the Python walls (pre-check, runtime guard, audit hook) are OFF for every job. ` +
  'This is for tests only: unset it before anyone else uses this server.';
