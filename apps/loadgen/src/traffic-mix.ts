/** What a visitor or a client does, and how often, out of 100 requests. */
export const TRAFFIC_MIX = [
  { operation: "redirect", weight: 60 }, // follow an existing short link: the hot path
  { operation: "get-link", weight: 10 }, // look at one link and its clicks
  { operation: "list", weight: 10 }, // list the newest links
  { operation: "create", weight: 10 }, // shorten a new URL (needs the token)
  { operation: "not-found", weight: 6 }, // a mistyped or deleted slug: 404
  { operation: "bad-input", weight: 4 }, // a URL the API must refuse: 400
] as const;

export type Operation = (typeof TRAFFIC_MIX)[number]["operation"];

const TOTAL = TRAFFIC_MIX.reduce((sum, entry) => sum + entry.weight, 0);

/** Picks an operation by weight; `random` returns [0, 1). Writes need a token, else they are skipped. */
export function pickOperation(random: () => number, canWrite: boolean): Operation {
  const mix = canWrite
    ? TRAFFIC_MIX
    : TRAFFIC_MIX.filter((e) => e.operation !== "create" && e.operation !== "bad-input");
  const total = canWrite ? TOTAL : mix.reduce((sum, entry) => sum + entry.weight, 0);
  let draw = random() * total;
  for (const entry of mix) {
    draw -= entry.weight;
    if (draw < 0) return entry.operation;
  }
  return "redirect";
}
