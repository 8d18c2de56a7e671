/** Up or down one place in an ordered list (core components, responsibilities, checklist steps). */
export type Direction = "up" | "down";

/**
 * The ids renumbered with one moved a place up or down, so positions stay dense (1..n) and
 * unique; null when it is not in the list or already at that end.
 */
export function orderAfterMove(
  ids: readonly string[],
  id: string,
  direction: Direction,
): string[] | null {
  const index = ids.indexOf(id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= ids.length) return null;
  const order = [...ids];
  [order[index], order[other]] = [order[other]!, order[index]!];
  return order;
}
