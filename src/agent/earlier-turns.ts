/**
 * A follow-up request ("sort that by Sales") is planned with what the conversation
 * did before: the earlier requests, their approved plans and code, and which input
 * files are earlier results. The results themselves are inputs of the turn, so their
 * profiles are in the description of the files like any other file's.
 */
import type { Plan } from './plan';

export interface EarlierTurn {
  request: string;
  plan?: Plan;
  code?: string;
  /** The model's question, when the turn ended with one (the next request may be the answer). */
  question?: string;
  /** The turn's result files, by the name they have under /input in this turn. */
  results: string[];
}

/** Earlier code beyond this many characters is cut: the model needs its gist, not every line. */
const CODE_CHARS = 4000;

export function earlierTurnsText(turns: readonly EarlierTurn[]): string {
  if (!turns.length) return '';
  const blocks = turns.map((turn, i) => {
    const lines = [`Turn ${i + 1}. Request: ${turn.request}`];
    if (turn.plan) lines.push(`Plan: ${turn.plan.summary}`);
    if (turn.code) lines.push(`Code:\n${turn.code.length > CODE_CHARS ? `${turn.code.slice(0, CODE_CHARS)}\n# … (cut)` : turn.code}`);
    if (turn.question) lines.push(`The model asked the user: ${turn.question}`);
    lines.push(turn.results.length ? `Result: ${turn.results.map((name) => `/input/${name}`).join(', ')} (described with the files above)` : 'Result: none');
    return lines.join('\n');
  });
  return `\n\nEarlier in this conversation (oldest first). When the request says "that", "it" or "the result", it means the latest result; read it from /input and write the new result under /output:\n${blocks.join('\n\n')}`;
}
