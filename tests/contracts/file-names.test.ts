/**
 * The one file-name rule (workers/api.ts) as each side applies it: the Pyodide sandbox's
 * inputs, the server's uploads (same function) and a recipe's file parameter.
 */
import { describe, expect, it } from 'vitest';
import { fileNameProblem } from '../../workers/api';
import { fileNameProblem as serverRule } from '../../server/file-names';

describe('the file-name rule', () => {
  it('is the same function on the server', () => {
    expect(serverRule).toBe(fileNameProblem);
  });

  it.each(['Q3 Ventes – été.xlsx', 'report..final.xlsx', '.hidden.csv', '北区.xlsx', 'a'.repeat(255)])('accepts %j', (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['../escape.xlsx', 'slash'],
    ['a\\b.xlsx', 'slash'],
    ['tab\there.csv', 'control character'],
    ['..', "'..'"],
    ['.', "'.'"],
    ['é'.repeat(128), 'longer than 255 bytes'],
  ])('refuses %j (%s)', (name, why) => {
    expect(fileNameProblem(name)).toContain(why);
  });
});
