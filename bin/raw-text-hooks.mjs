// Node module hooks for `import text from './file.py?raw'`, the Vite form the pane's code
// uses to bundle Python scripts (src/excel/read-workbook.ts), so the CLI runs that same
// code under tsx. Only relative and file: specifiers ending in "?raw" are served, as text.
import { readFile } from 'node:fs/promises';
import { URL } from 'node:url';

export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?raw') || !context.parentURL?.startsWith('file:')) return next(specifier, context);
  const url = new URL(specifier.slice(0, -'?raw'.length), context.parentURL);
  if (url.protocol !== 'file:') return next(specifier, context);
  return { url: `${url.href}?raw`, format: 'module', shortCircuit: true };
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('?raw')) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -'?raw'.length)), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
