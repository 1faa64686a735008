/**
 * The files panel's FileSet with the real Node sandbox: each file is profiled once, as
 * it arrives; adding or removing another does not profile it again, and the insights
 * are always over every file there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { FileSet, type FileSetView } from '../../src/conversation/file-set';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { makeFixtures } from '../helpers/python';

let sandbox: SandboxClient;
let fixtures: string;

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
}, 180_000);

afterAll(() => sandbox.dispose());

const userFile = (name: string): File => new File([readFileSync(join(fixtures, 'stack', name))], name);

function settled(files: FileSet): Promise<FileSetView> {
  return new Promise((resolve) => {
    const check = (): void => {
      const state = files.getState();
      if (!state.profiling && state.files.every((f) => f.profile)) {
        stop();
        resolve(state);
      }
    };
    const stop = files.subscribe(check);
    check();
  });
}

describe('the files the user added', () => {
  it('profiles each file once, as it arrives', async () => {
    const asked: string[][] = [];
    const files = new FileSet({
      start: () => sandbox.start(),
      precheck: (code) => sandbox.precheck(code),
      run: (request, options) => sandbox.run(request, options),
      profile: (inputs, options) => {
        asked.push(inputs.map((i) => i.name));
        return sandbox.profile(inputs, options);
      },
    });

    files.add(['north.xlsx', 'south.xlsx'].map(userFile));
    const two = await settled(files);
    expect(two.files.map((f) => f.profile?.name)).toEqual(['north.xlsx', 'south.xlsx']);

    files.add([userFile('west.xlsx')]);
    const three = await settled(files);
    expect(three.files.map((f) => f.profile?.name)).toEqual(['north.xlsx', 'south.xlsx', 'west.xlsx']);
    expect(three.insights?.suggestions.length ?? 0).toBeGreaterThan(0);

    files.remove('south.xlsx');
    const left = await settled(files);
    expect(left.files.map((f) => f.file.name)).toEqual(['north.xlsx', 'west.xlsx']);
    expect(left.insights).toBeDefined();

    // A file added again under its name replaces the earlier one, and only it is profiled.
    files.add([userFile('north.xlsx')]);
    await settled(files);
    expect(asked).toEqual([['north.xlsx', 'south.xlsx'], ['west.xlsx'], ['north.xlsx']]);
  }, 180_000);
});
