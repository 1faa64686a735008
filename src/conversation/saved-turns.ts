/**
 * A conversation kept between runs of the CLI (`excel-ai ask --conversation FILE`):
 * of each turn, what a follow-up needs (request, plan, code, question, result files).
 * Plain data; the caller decides where the files go.
 */
import { z } from 'zod';
import type { OutputFile } from '../../workers/api';
import { PlanSchema } from '../agent/plan';
import { newTurn, turnCode, turnOutputs, type Turn } from './turn';

export const SavedTurnSchema = z.strictObject({
  id: z.number().int().positive(),
  kind: z.enum(['request', 'code']),
  request: z.string(),
  startedAt: z.number(),
  plan: PlanSchema.optional(),
  code: z.string().optional(),
  question: z.string().optional(),
  /** The result files' names (their bytes are kept by the caller). */
  results: z.array(z.string()),
});
export type SavedTurn = z.infer<typeof SavedTurnSchema>;

/** The turns a later run can build on: those with a result, an applied change or a question. */
export function savedTurns(turns: readonly Turn[]): { turn: SavedTurn; outputs: OutputFile[] }[] {
  return turns
    .filter((t) => turnOutputs(t).length > 0 || t.outcome?.status === 'question' || t.outcome?.status === 'applied')
    .map((t) => {
      const code = turnCode(t);
      const outputs = turnOutputs(t);
      return {
        turn: {
          id: t.id,
          kind: t.kind,
          request: t.request,
          startedAt: t.startedAt,
          ...(t.plan ? { plan: t.plan } : {}),
          ...(code ? { code } : {}),
          ...(t.outcome?.status === 'question' ? { question: t.outcome.question } : {}),
          results: outputs.map((o) => o.name),
        },
        outputs,
      };
    });
}

export function restoredTurn(saved: SavedTurn, outputs: OutputFile[]): Turn {
  const turn: Turn = { ...newTurn(saved.id, saved.kind, saved.request, saved.startedAt), folded: true, kept: { outputs, ...(saved.code ? { code: saved.code } : {}) } };
  if (saved.plan) turn.plan = saved.plan;
  if (saved.question !== undefined) turn.outcome = { status: 'question', question: saved.question };
  return turn;
}
