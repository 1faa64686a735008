/**
 * A memory limit for Python in WebAssembly.
 *
 * Emscripten grows the heap by calling `WebAssembly.Memory.prototype.grow` from
 * JavaScript. Refusing a grow past the cap makes malloc return NULL, which
 * Python turns into a MemoryError: the run ends as `memory` instead of taking
 * the tab (or the machine) down. Installed once, before Pyodide loads.
 *
 * Heap and files share the cap: `alsoCounted` gives the bytes the run's files
 * hold (file-budget.ts), which live outside the heap. A refusal is remembered
 * here, outside Python, so the run ends as `memory` whatever the code says.
 */
let capBytes = Number.POSITIVE_INFINITY;
let alsoCounted: () => number = () => 0;
let refused = false;
let installed = false;

export function installMemoryCap(): void {
  if (installed) return;
  installed = true;
  const grow = WebAssembly.Memory.prototype.grow;
  WebAssembly.Memory.prototype.grow = function growWithinCap(this: WebAssembly.Memory, pages: number): number {
    const next = this.buffer.byteLength + pages * 65_536;
    if (next + alsoCounted() > capBytes) {
      refused = true;
      throw new RangeError(`memory cap of ${capBytes} bytes reached`);
    }
    return grow.call(this, pages);
  };
}

/**
 * Sets the cap. A finite cap starts a run and forgets earlier refusals; lifting
 * it (Infinity) keeps the run's refusal for the supervisor to read. The heap
 * never shrinks, so the cap covers everything Python holds.
 */
export function setMemoryCap(bytes: number, counted: () => number = () => 0): void {
  if (Number.isFinite(bytes)) refused = false;
  capBytes = bytes;
  alsoCounted = counted;
}

/** True when the cap refused a grow since it was last set. */
export function memoryCapRefused(): boolean {
  return refused;
}
