/**
 * Pulls the Python script out of a model's answer: a ```python fence (the longest
 * when there are several), any fence, or an unfenced answer that parses as code.
 */
export function extractCode(answer: string): string | undefined {
  const fences = [...answer.matchAll(/```([\w+-]*)[^\n]*\n([\s\S]*?)```/g)].map((m) => ({ lang: (m[1] ?? '').toLowerCase(), body: m[2] ?? '' }));
  const python = fences.filter((f) => f.lang === 'python' || f.lang === 'py' || f.lang === 'python3');
  const pick = (list: typeof fences) => list.sort((a, b) => b.body.length - a.body.length)[0]?.body;
  const fenced = pick(python) ?? pick(fences.filter((f) => f.lang === ''));
  if (fenced !== undefined) return fenced.trimEnd() + '\n';
  // An unterminated fence (the answer was cut): take what follows it.
  const open = /```(?:python|py|python3)?[^\n]*\n([\s\S]*)$/.exec(answer);
  if (open?.[1]) return open[1].trimEnd() + '\n';
  // No fence at all: accept it only if it looks like a script, not prose.
  const text = answer.trim();
  if (/^(import |from |#|[A-Za-z_][\w]* *=|def |for |with |print\()/m.test(text) && !/^(Here|Sure|This|The |I )/.test(text)) return `${text}\n`;
  return undefined;
}
