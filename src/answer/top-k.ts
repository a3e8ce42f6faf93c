/**
 * The first `k` items of `items` in `compare` order, sorted — without sorting them all. A common
 * topic matches thousands of quotes and an answer shows 50: a bounded heap does that in
 * O(n log k) instead of O(n log n), and leaves `items` as it was.
 */
export function topK<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (items.length <= k) return [...items].sort(compare);
  // A max-heap (by `compare`) of the best k so far: its root is the worst of them.
  const heap: T[] = [];
  const worse = (i: number, j: number): boolean => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number): void => {
    const held = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = held;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!worse(at, parent)) break;
        swap(at, parent);
        at = parent;
      }
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      for (let at = 0; ; ) {
        const left = 2 * at + 1;
        const right = left + 1;
        let largest = at;
        if (left < k && worse(left, largest)) largest = left;
        if (right < k && worse(right, largest)) largest = right;
        if (largest === at) break;
        swap(at, largest);
        at = largest;
      }
    }
  }
  return heap.sort(compare);
}
