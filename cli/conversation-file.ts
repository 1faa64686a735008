/**
 * `excel-ai ask --conversation FILE`: the conversation kept between runs, so a script can
 * go on from where the last run stopped ("now sort that by Sales"). FILE is JSON (the
 * turns, the input paths); each turn's result files are kept beside it in FILE.files/,
 * so a later run that writes a file of the same name in --out does not change them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { OutputFile } from '../workers/api';
import { restoredTurn, savedTurns, SavedTurnSchema } from '../src/conversation/saved-turns';
import type { Turn } from '../src/conversation/turn';
import { UsageError } from './usage';

const ConversationFile = z.strictObject({
  kind: z.literal('excel-ai-conversation'),
  version: z.literal(1),
  /** Absolute paths of the files the user gave, used when a later run gives no --input. */
  inputs: z.array(z.string()),
  turns: z.array(SavedTurnSchema),
});

const filesDir = (path: string): string => `${resolve(path)}.files`;
/** Result names are the sandbox's /output paths: kept flat, one folder per turn. */
const keptPath = (path: string, turn: number, index: number, name: string): string => join(filesDir(path), `turn-${turn}`, `${index + 1}-${(name.split('/').pop() ?? name).replace(/[^\w.\- ]/g, '_')}`);

export interface LoadedConversation {
  inputs: string[];
  turns: Turn[];
}

/** The saved conversation, or undefined when FILE does not exist yet (the first run creates it). */
export async function loadConversation(path: string): Promise<LoadedConversation | undefined> {
  if (!existsSync(path)) return undefined;
  let parsed: z.infer<typeof ConversationFile>;
  try {
    parsed = ConversationFile.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new UsageError(`--conversation ${path} is not a conversation saved by excel-ai (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); give a new file name to start one`);
  }
  const turns = await Promise.all(
    parsed.turns.map(async (saved) => {
      const outputs: OutputFile[] = await Promise.all(
        saved.results.map(async (name, i) => {
          const bytes = await readFile(keptPath(path, saved.id, i, name)).catch(() => {
            throw new UsageError(`--conversation ${path}: the result ${name} of turn ${saved.id} is missing from ${filesDir(path)}`);
          });
          return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
        }),
      );
      return restoredTurn(saved, outputs);
    }),
  );
  return { inputs: parsed.inputs, turns };
}

export async function saveConversation(path: string, inputs: readonly string[], turns: readonly Turn[]): Promise<void> {
  const kept = savedTurns(turns);
  for (const { turn, outputs } of kept) {
    for (const [i, output] of outputs.entries()) {
      const target = keptPath(path, turn.id, i, output.name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, new Uint8Array(output.bytes));
    }
  }
  const text = `${JSON.stringify({ kind: 'excel-ai-conversation', version: 1, inputs: inputs.map((p) => resolve(p)), turns: kept.map((k) => k.turn) }, null, 2)}\n`;
  // Written whole or not at all: an interrupted run leaves the previous conversation readable.
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
