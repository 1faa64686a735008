/**
 * excel-ai: the sandbox from a terminal.
 *   excel-ai run CODE.py --input FILE... --out DIR [--timeout S] [--memory MB] [--json]
 *   excel-ai profile FILE... [--json]
 *   excel-ai ask "REQUEST" --input FILE... --out DIR --provider gemini|openai [...]
 * Exit codes: 0 ok, 1 the code failed or was rejected, 2 usage error.
 */
import { askCommand } from './ask-command';
import { runCommand } from './run-command';
import { profileCommand } from './profile-command';
import { UsageError } from './usage';

const HELP = `excel-ai: run Python on Excel files in a local sandbox

  excel-ai run CODE.py --input FILE... --out DIR [--timeout SECONDS] [--memory MB] [--json]
  excel-ai profile FILE... [--json]
  excel-ai ask "REQUEST" --input FILE... --out DIR [--provider gemini|openai] [--base-url URL]
               [--model NAME] [--api-key KEY] [--timeout SECONDS] [--yes] [--json]
      (keys also from GEMINI_API_KEY / OPENAI_API_KEY; a local Ollama needs none:
       --provider openai --base-url http://localhost:11434/v1 --model llama3.1)

Each input is visible to the code at /input/<file name>; files the code writes
under /output/ are copied to DIR. Nothing leaves this machine.
Exit codes: 0 ok, 1 the code failed or was rejected, 2 usage error.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'profile':
        return await profileCommand(rest);
      case 'ask':
        return await askCommand(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${HELP}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}' (try: excel-ai --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`excel-ai: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
