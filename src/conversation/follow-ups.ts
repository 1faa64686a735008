/**
 * What a follow-up turn gets from the turns before it: their requests, plans and code
 * for the prompt, and their result files as inputs, so "sort that by Sales" reads the
 * last result from /input. A later result replaces an earlier one of the same name
 * (the usual chain: read result.xlsx, write result.xlsx); a result named like one of
 * the user's own files is renamed, so the user's file is never hidden.
 */
import type { FileProfile, InputFile, OutputFile } from '../../workers/api';
import type { EarlierTurn } from '../agent/earlier-turns';
import { turnCode, turnOutputs, type Turn } from './turn';

export interface FollowUp {
  earlier: EarlierTurn[];
  /** The result files, by their name under /input, latest version of each name. */
  results: { name: string; output: OutputFile; profile?: FileProfile }[];
}

const baseName = (path: string): string => path.split('/').pop() ?? path;

export function followUpOf(turns: readonly Turn[], userFiles: readonly string[]): FollowUp {
  const taken = new Set(userFiles);
  const byName = new Map<string, { turn: number; output: OutputFile; profile?: FileProfile }>();
  const named: { turn: Turn; names: string[] }[] = [];
  for (const turn of turns) {
    const outputs = turnOutputs(turn);
    if (!outputs.length && turn.outcome?.status !== 'applied' && turn.outcome?.status !== 'question') continue;
    const profiles = turnProfiles(turn);
    const names = outputs.map((output) => {
      const plain = baseName(output.name);
      const name = taken.has(plain) ? `turn-${turn.id}-${plain}` : plain;
      // Checked when it was produced: the same bytes, so the profile holds under its new name.
      const profile = profiles.find((p) => p.name === plain);
      byName.set(name, { turn: turn.id, output, ...(profile ? { profile: { ...profile, name } } : {}) });
      return name;
    });
    named.push({ turn, names });
  }
  const earlier = named.map(({ turn, names }) => ({
    request: turn.kind === 'code' ? `(the user ran their own code: ${turn.request})` : turn.request,
    ...(turn.plan ? { plan: turn.plan } : {}),
    ...(turnCode(turn) ? { code: turnCode(turn) } : {}),
    ...(turn.outcome?.status === 'question' ? { question: turn.outcome.question } : {}),
    // A name a later turn wrote again now holds the later file.
    results: names.map((name) => (byName.get(name)?.turn === turn.id ? name : `${name} (replaced by a later result of the same name)`)),
  }));
  return { earlier, results: [...byName].map(([name, { output, profile }]) => ({ name, output, ...(profile ? { profile } : {}) })) };
}

/** The profiles a turn's result files got when they were checked. */
function turnProfiles(turn: Turn): FileProfile[] {
  if (turn.outcome?.status === 'done') return turn.outcome.outputProfiles;
  return turn.directProfiles ?? [];
}

/** Every profile already known for a turn's inputs: the user's files (profiled as added) and the earlier results. */
export function knownProfiles(files: readonly { profile?: FileProfile }[], followUp: FollowUp): FileProfile[] {
  return [...files.flatMap((f) => f.profile ?? []), ...followUp.results.flatMap((r) => r.profile ?? [])];
}

/** Fresh copies for one call: buffers may be transferred to the worker. */
export function resultInputs(followUp: FollowUp): InputFile[] {
  return followUp.results.map(({ name, output }) => ({ name, bytes: copyBytes(output.bytes) }));
}

function copyBytes(bytes: OutputFile['bytes']): ArrayBuffer {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return view.slice().buffer;
}
