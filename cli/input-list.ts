/**
 * `--input a.xlsx b.xlsx c.xlsx`: every argument after one --input (or -i) up to
 * the next flag is an input file, and --input may be repeated. node:util's
 * parseArgs takes one value per flag, so the extra files are spelled out as
 * their own --input before parsing. A file whose name starts with "-" is given
 * as ./-name; after "--" nothing is an input.
 */
export function spreadInputs(args: string[]): string[] {
  const spread: string[] = [];
  let takingInputs = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      spread.push(...args.slice(i));
      break;
    }
    if (arg === '--input' || arg === '-i') {
      spread.push(arg);
      // The first value is the flag's own (even one starting with "-", as parseArgs reads it).
      if (i + 1 < args.length) spread.push(args[++i]!);
      takingInputs = true;
    } else if (arg.startsWith('--input=')) {
      spread.push(arg);
      takingInputs = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      spread.push(arg);
      takingInputs = false;
    } else if (takingInputs) {
      spread.push('--input', arg);
    } else {
      spread.push(arg);
    }
  }
  return spread;
}
