/**
 * `items` grouped by `keyOf`, each group in the items' order. Grouped by appending in place: a copy
 * of the group for each item made grouping quadratic where thousands of items share a key.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
