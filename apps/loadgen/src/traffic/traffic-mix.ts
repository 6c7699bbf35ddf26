import type { TrafficOperation } from "./traffic.js";

/**
 * Picks an operation by weight; `random` returns [0, 1). Without a token (`canWrite` false), the
 * writing operations are left out and the others keep their relative weights.
 */
export function pickOperation(
  operations: readonly TrafficOperation[],
  random: () => number,
  canWrite: boolean,
): string {
  const mix = canWrite ? operations : operations.filter((operation) => !operation.writes);
  const first = mix[0];
  if (first === undefined) throw new Error("the traffic has no operation this client can send");
  const total = mix.reduce((sum, operation) => sum + operation.weight, 0);
  let draw = random() * total;
  for (const operation of mix) {
    draw -= operation.weight;
    if (draw < 0) return operation.name;
  }
  return first.name;
}
