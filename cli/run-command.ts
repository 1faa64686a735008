import { readFile } from 'node:fs/promises';
import type { RunResult } from '../workers/api';
import { createNodeSandbox, packageSourceOption, readInputs } from './node-sandbox';
import { spreadInputs } from './input-list';
import { writeOutputs } from './outputs';
import { checkLines, checkResult, type ResultCheck } from './result-check';
import { asLines, printErr, printOut, terminalJson } from './terminal-text';
import { UsageError, parse, positiveNumber, requireFile } from './usage';

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(spreadInputs(args), {
    input: { type: 'string', multiple: true, short: 'i' },
    out: { type: 'string', short: 'o' },
    timeout: { type: 'string' },
    memory: { type: 'string' },
    'package-source': { type: 'string' },
    json: { type: 'boolean' },
  });
  const [codePath, ...extra] = positionals;
  if (!codePath) throw new UsageError('run needs a CODE.py file (give it before --input, which takes every file up to the next flag)');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}' (inputs go after --input)`);
  if (!values.out) throw new UsageError('run needs --out DIR for the files the code writes');
  requireFile(codePath, 'code file');
  const timeoutS = positiveNumber(values.timeout, '--timeout');
  const memoryMb = positiveNumber(values.memory, '--memory');
  const inputs = await readInputs(values.input ?? []);
  const code = await readFile(codePath, 'utf8');

  const packageSource = packageSourceOption(values['package-source']);
  const sandbox = await createNodeSandbox({ packageSource, onPackageText: (line) => printErr(`… ${line}\n`) });
  try {
    const result = await sandbox.run({
      code,
      inputs,
      limits: { ...(timeoutS ? { timeoutMs: timeoutS * 1000 } : {}), ...(memoryMb ? { memoryMb } : {}) },
    });
    const written = result.ok ? await writeOutputs(result.outputs, values.out) : [];
    const check = result.ok && result.outputs.length > 0 ? await checkResult(sandbox, result.outputs) : undefined;
    report(result, written, check, values.json === true);
    return result.ok ? 0 : 1;
  } finally {
    sandbox.dispose();
  }
}

function report(result: RunResult, written: (string | null)[], check: ResultCheck | undefined, json: boolean): void {
  if (json) {
    const { ok, stdout, stderr, streamsTruncated, durationMs } = result;
    const payload = result.ok
      ? { ok, outputs: result.outputs.map((o, i) => ({ name: o.name, bytes: o.bytes.byteLength, path: written[i] ?? null })), check, stdout, stderr, streamsTruncated, durationMs }
      : { ok, error: result.error, stdout, stderr, streamsTruncated, durationMs };
    process.stdout.write(`${terminalJson(payload)}\n`);
    return;
  }
  // Everything below may hold text from the code: printed escaped (cli/terminal-text.ts).
  if (result.stdout) printOut(asLines(result.stdout));
  if (result.stderr) printErr(asLines(result.stderr));
  if (result.ok) {
    written.forEach((path, i) => printErr(path ? `wrote ${path}\n` : `not written: ${result.outputs[i]?.name ?? '?'} (its name leads out of the output folder)\n`));
    if (check) for (const line of checkLines(check)) printErr(`${line}\n`);
    process.stderr.write(`done in ${(result.durationMs / 1000).toFixed(1)} s\n`);
  } else {
    const where = result.error.line ? ` (line ${result.error.line})` : '';
    printErr(`error [${result.error.kind}]${where}: ${result.error.message}\n`);
    if (result.error.traceback) printErr(`${result.error.traceback}\n`);
  }
}
