import { describe, expect, it } from 'vitest';
import type { Recipe } from '../store';
import { initialValues } from './recipes';

const recipe: Recipe = {
  id: 'r',
  name: 'Monthly stack',
  request: 'stack',
  code: 'x = [PARAMS["north_file"], PARAMS["south_file"]]\ny = PARAMS["threshold"]\n',
  parameters: [
    { name: 'north_file', kind: 'file', value: 'north.xlsx', description: '' },
    { name: 'south_file', kind: 'file', value: 'south.xlsx', description: '' },
    { name: 'threshold', kind: 'number', value: 1000, description: '' },
  ],
  historyId: null,
  createdAt: 0,
  lastRunAt: null,
};

describe('the values a recipe starts with', () => {
  it('maps each file parameter to the added file of the same name', () => {
    expect(initialValues(recipe, ['south.xlsx', 'north.xlsx'])).toEqual({ north_file: 'north.xlsx', south_file: 'south.xlsx', threshold: '1000' });
  });

  it("takes this month's files by position when the names changed", () => {
    expect(initialValues(recipe, ['north_2026_11.xlsx', 'south_2026_11.xlsx'])).toEqual({ north_file: 'north_2026_11.xlsx', south_file: 'south_2026_11.xlsx', threshold: '1000' });
  });

  it('leaves a file parameter empty when no file is added, so the run is refused with a reason', () => {
    expect(initialValues(recipe, [])).toEqual({ north_file: '', south_file: '', threshold: '1000' });
  });
});
