import { describe, expect, it } from 'vitest';
import type { SandboxError } from '../../workers/api';
import { explainAttempt, explainSandboxError } from './explain-failure';

const python = (message: string, extra: Partial<SandboxError> = {}): SandboxError => ({ kind: 'python', message, line: 7, traceback: 'Traceback (most recent call last): ...', ...extra });

describe('failures in words', () => {
  it('a missing column names the columns the table has', () => {
    const error = python("KeyError: 'Revenue' (line 7). Hint: the column does not exist.", { cause: { kind: 'missing-column', name: 'Revenue', available: ['Region', 'Sales', 'Units'] } });
    expect(explainSandboxError(error)).toEqual({
      sentence: 'The code used a column named "Revenue" (line 7), which the table does not have. Its columns are "Region", "Sales", "Units".',
      details: "KeyError: 'Revenue' (line 7). Hint: the column does not exist.\n\nTraceback (most recent call last): ...",
    });
  });

  it('a missing file names the files added', () => {
    const error = python("FileNotFoundError: [Errno 44] No such file or directory: '/input/Q1.xlsx'", { cause: { kind: 'missing-file', name: 'Q1.xlsx', available: ['north.xlsx', 'south.xlsx'] } });
    expect(explainSandboxError(error).sentence).toBe('The code opened a file named "Q1.xlsx" (line 7), which is not among your files. The files added are "north.xlsx", "south.xlsx".');
  });

  it('a missing sheet names the sheets of the workbook', () => {
    const error = python("KeyError: 'Worksheet Sales does not exist.'", { cause: { kind: 'missing-sheet', name: 'Sales', available: ['Data', 'Notes'] } });
    expect(explainSandboxError(error).sentence).toBe('The code used a sheet named "Sales" (line 7), which the workbook does not have. Its sheets are "Data", "Notes".');
  });

  it('a refused construct says what the model tried, and that it will try again', () => {
    const failure = {
      stage: 'pre-check' as const,
      error: { kind: 'precheck' as const, message: 'The code was not run: 1 problem found.', violations: [{ rule: 'restricted-module', line: 2, column: 1, message: 'Line 2: `os.system` is not available in the sandbox: scripts use os to find, list and read the inputs.' }] },
    };
    expect(explainAttempt(failure, true).sentence).toBe(
      'The code was not run: it used something the sandbox does not allow (line 2). `os.system` is not available in the sandbox: scripts use os to find, list and read the inputs. The model is trying again with this information.',
    );
  });

  it('time and memory limits say which limit and how to raise it', () => {
    expect(explainSandboxError({ kind: 'timeout', message: 'The code ran for more than 120 s and was stopped.' }).sentence).toBe(
      'The code ran for more than 120 s and was stopped. That is the time limit: raise it in Settings → Limits (or --timeout in the CLI), or ask for less work at once.',
    );
    expect(explainSandboxError({ kind: 'memory', message: 'The code ran out of memory (line 3).' }).sentence).toMatch(/^The code ran out of memory \(line 3\)\. That is the memory limit: .*--memory/);
  });

  it("keeps the sandbox's own messages, already written for people, as they are", () => {
    const message = 'The sandbox refuses to run code because a safety wall is missing: the worker was served without its Content-Security-Policy header.';
    expect(explainSandboxError({ kind: 'internal', message }).sentence).toBe(message);
  });

  it('a failed check of the result says what did not match, with one full stop', () => {
    const failure = { stage: 'verification' as const, problems: ['The planned output /output/result.xlsx was not written. Files written: none.'] };
    const { sentence } = explainAttempt(failure, false);
    expect(sentence).toBe('The result did not match the plan: The planned output /output/result.xlsx was not written. Files written: none.');
    expect(sentence).not.toMatch(/\.\.$/);
  });

  it('never ends a sentence with two full stops', () => {
    for (const message of ['Something broke.', 'Something broke..', 'Something broke', "KeyError: 'x' (line 3)."]) {
      expect(explainSandboxError(python(message)).sentence).not.toMatch(/\.\.$/);
      expect(explainAttempt({ stage: 'run', error: python(message) }, true).sentence).not.toMatch(/\.\./);
    }
  });
});
