/**
 * The plan: what the model proposes before any code is written, validated by one
 * schema that also produces the JSON Schema the model is given. The user approves,
 * edits or cancels it; verification later checks the result against it.
 */
import { z } from 'zod';

const OutputSheet = z.object({
  name: z.string().min(1).describe('Sheet name in the output workbook.'),
  columns: z.array(z.string()).describe('Column headers the sheet will have, in order.'),
  rows: z
    .enum(['all-input-rows', 'fewer-than-input', 'more-than-input', 'any'])
    .describe(
      "How the data rows relate to the input rows used: 'all-input-rows' when every input row is kept (stacking, adding a column), 'fewer-than-input' when rows are filtered, deduplicated or aggregated, 'more-than-input' for joins that can multiply rows, 'any' when unrelated.",
    ),
});

const OutputFile = z.object({
  file: z.string().min(1).describe('File name written under /output that says what it holds, e.g. sales_over_1000.xlsx (the user downloads it under this name).'),
  sheets: z.array(OutputSheet).min(1),
});

export const PlanSchema = z.object({
  kind: z.enum(['plan', 'question']).describe("'question' when the request is ambiguous and one question would settle it; otherwise 'plan'."),
  question: z.string().optional().describe('The one clarifying question, when kind is question.'),
  summary: z.string().describe('One sentence: what the result will be.'),
  steps: z.array(z.string()).describe('The steps in plain words a non-programmer understands.'),
  inputs: z
    .array(
      z.object({
        file: z.string(),
        sheets: z.array(z.string()).optional(),
        tables: z.array(z.string()).optional(),
        columns: z.array(z.string()).optional().describe('Columns of these sheets or tables the work reads, exactly as their headers are written.'),
      }),
    )
    .describe('Input files (and their sheets, tables and columns) the work uses, by their exact names.'),
  outputs: z.array(OutputFile).describe('Files the code will write to /output.'),
  dropsRows: z.boolean().describe('True only if the request asks to remove rows (a filter, dedupe, aggregation).'),
  engine: z
    .enum(['openpyxl', 'pandas', 'workbook-ops'])
    .describe(
      "openpyxl when formatting, formulas, other sheets or VBA must survive; pandas for heavy data work; 'workbook-ops' (only when an open workbook is described) when the request only changes the open workbook: then outputs is empty.",
    ),
  engineReason: z.string().describe('Why that engine, in a few words.'),
  risk: z.enum(['low', 'medium', 'high']).describe("'low' for read-and-write-a-new-file work; 'high' when data could be lost or misread."),
});

export type Plan = z.infer<typeof PlanSchema>;

/** The JSON Schema sent to the model (structured output). */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanSchema, { target: 'openapi-3.0' }) as Record<string, unknown>;
}

/** Parses a model answer into a plan, or says what is wrong with it. */
export function parsePlan(text: string): { ok: true; plan: Plan } | { ok: false; problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(stripJsonFence(text));
  } catch {
    return { ok: false, problem: 'The answer was not valid JSON.' };
  }
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, problem: `The plan does not match the schema: ${first.join('; ')}` };
  }
  const plan = parsed.data;
  if (plan.kind === 'question' && !plan.question) return { ok: false, problem: "kind is 'question' but there is no question." };
  if (plan.kind === 'plan' && plan.engine !== 'workbook-ops' && plan.outputs.length === 0) return { ok: false, problem: 'The plan names no output file.' };
  return { ok: true, plan };
}

/** Some models wrap JSON in a ```json fence even when asked not to. */
function stripJsonFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  return fenced?.[1] ?? text.trim();
}
