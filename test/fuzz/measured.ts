/** Heap growth around one call: bombs must be stopped early, not inflated and then refused. */
const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

/** A call's result and the heap it grew. */
export function measured<T>(f: () => T): { r: T; grown: number } {
  const before = heap();
  const r = f();
  return { r, grown: heap() - before };
}
