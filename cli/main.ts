/**
 * excel-ai: the sandbox from a terminal.
 *   excel-ai run CODE.py --input FILE... --out DIR [--timeout S] [--memory MB] [--json]
 *   excel-ai profile FILE... [--json]
 *   excel-ai ask "REQUEST" --input FILE... --out DIR --provider gemini|openai [...]
 *   excel-ai serve [--port 8787] [--host 127.0.0.1] [--token T] [--data-dir D] [--concurrency N] [--redis URL] [--allow-origin O]
 * Exit codes: 0 ok, 1 the code failed or was rejected, 2 usage error (or a cache folder that is not safe to use).
 */
import { askCommand } from './ask-command';
import { runCommand } from './run-command';
import { profileCommand } from './profile-command';
import { serveCommand } from '../server/serve-command';
import { UnsafeFolderError } from '../workers/node/private-folder';
import { printErr } from './terminal-text';
import { UsageError } from './usage';

const HELP = `excel-ai: run Python on Excel files in a local sandbox

  excel-ai run CODE.py --input FILE... --out DIR [--timeout SECONDS] [--memory MB] [--json]
  excel-ai profile FILE... [--json]      (or --input FILE...)
      --input takes every file up to the next flag (--input a.xlsx b.xlsx c.xlsx) and
      may be repeated (--input a.xlsx --input b.xlsx); in run, CODE.py comes first
      run and ask also take --package-source URL: load pandas, numpy, python-calamine on
      first import from that folder (e.g. https://cdn.jsdelivr.net/pyodide/v314.0.7/full/),
      checked against the bundled lock's sha256, cached in the sandbox cache folder
  excel-ai ask "REQUEST" --input FILE... --out DIR [--provider gemini|openai] [--base-url URL]
               [--model NAME] [--api-key KEY] [--timeout SECONDS] [--yes] [--json]
      (keys also from GEMINI_API_KEY / OPENAI_API_KEY; a local Ollama needs none:
       --provider openai --base-url http://localhost:11434/v1 --model llama3.1)
  excel-ai serve [--port 8787] [--host 127.0.0.1] [--token T] [--data-dir D] [--concurrency N]
               [--token-file F] [--max-upload-mb N] [--log] [--insecure-no-token] [--redis URL]
               [--job-memory MB] [--job-timeout S] [--job-tmp-mb MB] [--allow-origin ORIGIN ...]
      the large-job server (native CPython in bubblewrap; see server/README.md);
      token also from EXCEL_AI_SERVER_TOKEN[_FILE] (preferred: --token shows in ps);
      --redis redis://host:6379/0 (or EXCEL_AI_REDIS_URL): replicas share one BullMQ
      queue; give them all the same token, Redis and --data-dir (a shared folder);
      --allow-origin (or EXCEL_AI_ALLOW_ORIGINS=a,b): pane origins that may call it (CORS);
      per-job defaults: 4096 MB memory, 1800 s, /tmp 4 × the output cap

Each input is visible to the code at /input/<file name>; files the code writes
under /output/ are copied to DIR (control characters in their names become _).
Text from the code, the files or the model is printed with control characters
escaped (ESC shows as \\u001b): it can never drive the terminal. The sandbox's own
files live in a folder only you can use: EXCEL_AI_CACHE_DIR, else
$XDG_CACHE_HOME/excel-ai or ~/.cache/excel-ai (mode 700, checked before each use).
Nothing leaves this machine (but the model call, and package downloads when you
give --package-source).
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
      case 'serve':
        return await serveCommand(rest);
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
    // Both may quote what the user typed (file names, flags): printed escaped.
    if (error instanceof UsageError || error instanceof UnsafeFolderError) {
      printErr(`excel-ai: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
