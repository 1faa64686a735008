/**
 * A memory limit for Python in WebAssembly.
 *
 * Emscripten grows the heap by calling `WebAssembly.Memory.prototype.grow` from
 * JavaScript. Refusing a grow past the cap makes malloc return NULL, which
 * Python turns into a MemoryError: the run ends as `memory` instead of taking
 * the tab (or the machine) down. Installed once, before Pyodide loads.
 */
let capBytes = Number.POSITIVE_INFINITY;
let installed = false;

export function installMemoryCap(): void {
  if (installed) return;
  installed = true;
  const grow = WebAssembly.Memory.prototype.grow;
  WebAssembly.Memory.prototype.grow = function growWithinCap(this: WebAssembly.Memory, pages: number): number {
    const next = this.buffer.byteLength + pages * 65_536;
    if (next > capBytes) throw new RangeError(`memory cap of ${capBytes} bytes reached`);
    return grow.call(this, pages);
  };
}

/** Sets the cap for the next run. The heap never shrinks, so the cap covers everything Python holds. */
export function setMemoryCap(bytes: number): void {
  capBytes = bytes;
}
