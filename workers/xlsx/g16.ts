/**
 * A number as openpyxl writes it into a cell: Python's "%.16g" (openpyxl.compat.safe_string),
 * correctly rounded with ties to even as CPython's own formatting does. JavaScript's
 * toExponential breaks exact ties upwards, so a value that can be a tie is formatted from its
 * exact decimal expansion instead. Only a value with at most 24 bits after the binary point
 * can be one (a tie has exactly 17 significant digits: m x 5^q < 1e17 for x = m / 2^q), and
 * integers under 1e16 print whole: 1234.56 or 0.1 never take the slow way.
 */

export function formatG16(x: number): string {
  if (!Number.isFinite(x)) return ''; // safe_string writes nan and inf as an empty value
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x);
  const size = Math.abs(x);
  if (size >= 1e-4 && size < 1e16 && !mayBeTie(x)) return trimZeros(x.toPrecision(16)); // fixed notation, as %g's here
  const digits = mayBeTie(x) ? exactDigits16(x) : fromExponential(x.toExponential(15));
  return layout(digits.negative, digits.digits, digits.exponent);
}

function mayBeTie(x: number): boolean {
  if (!Number.isInteger(x * 16777216)) return false;
  const seventeen = x.toExponential(16);
  return seventeen.charCodeAt(seventeen.indexOf('e') - 1) === 53; // '5'
}

interface Digits {
  negative: boolean;
  /** Sixteen significant digits, no point. */
  digits: string;
  /** The decimal exponent of the first digit. */
  exponent: number;
}

function fromExponential(text: string): Digits {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const e = body.indexOf('e');
  return { negative, digits: body.slice(0, 1) + body.slice(2, e), exponent: Number(body.slice(e + 1)) };
}

/** "%g" from sixteen digits: fixed notation for exponents -4..15, else d.ddde+XX; trailing zeros dropped. */
function layout(negative: boolean, digits: string, exponent: number): string {
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const mantissa = trimZeros(digits.slice(0, 1) + '.' + digits.slice(1));
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exponent < 0) return sign + trimZeros('0.' + '0'.repeat(-exponent - 1) + digits);
  return sign + trimZeros(digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1));
}

function trimZeros(text: string): string {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}

/** Sixteen digits from the double's exact value (mantissa x 2^exponent), rounded half to even. */
function exactDigits16(x: number): Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let power: number;
  if (biased === 0) {
    power = -1074;
  } else {
    mantissa |= 1n << 52n;
    power = biased - 1075;
  }
  // The exact value as an integer of decimal digits and a power of ten.
  let all: string;
  let tenPower: number;
  if (power >= 0) {
    all = (mantissa << BigInt(power)).toString();
    tenPower = 0;
  } else {
    all = (mantissa * 5n ** BigInt(-power)).toString();
    tenPower = power;
  }
  let exponent = all.length - 1 + tenPower;
  let head = BigInt(all.slice(0, 16).padEnd(16, '0'));
  const rest = all.slice(16);
  const firstRest = rest.length > 0 ? rest.charCodeAt(0) - 48 : 0;
  const restAfter = rest.length > 1 && /[1-9]/.test(rest.slice(1));
  if (firstRest > 5 || (firstRest === 5 && (restAfter || head % 2n === 1n))) head += 1n;
  let digits = head.toString();
  if (digits.length > 16) {
    digits = digits.slice(0, 16);
    exponent += 1;
  }
  return { negative, digits, exponent };
}
