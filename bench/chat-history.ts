// Realistic chat for the benchmarks, from the memory evaluation's generator: as many messages as
// asked, re-dated one minute apart.
import { generateEvalSet } from "./memory-eval/generate-set";

export type Message = { role: "user" | "assistant"; content: string; createdAt: string };

/** A generated set, or none for a seed whose set fails the generator's own checks. */
function setFor(seed: number) {
  try {
    return generateEvalSet(seed);
  } catch {
    return null;
  }
}

/** Realistic chat from the evaluation generator, re-dated in order, as many messages as asked. */
export function chat(count: number, seed: number): Message[] {
  const messages: Message[] = [];
  for (let round = 0; messages.length < count; round++) {
    for (const conversation of setFor(seed + round)?.conversations ?? []) messages.push(...conversation.messages);
  }
  const start = Date.parse("2023-01-01T00:00:00Z");
  return messages.slice(0, count).map((message, i) => ({ ...message, createdAt: new Date(start + i * 60_000).toISOString() }));
}
