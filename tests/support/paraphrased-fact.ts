import { importConversation } from "@/lib/conversations/import/import-conversations";
import { parseImport } from "@/lib/conversations/import/parse-import";
import { importLimits, memoryLimits } from "@/lib/env";

/** A fact, and a question about it that shares none of its words (stop words aside). */
export const FACT = "We spent our holiday in Lisbon, and the tiles on every street were lovely.";
export const QUESTION = "Which city did we visit on vacation?";

const TOPICS = ["the garden", "a new laptop", "soup recipes", "learning Spanish", "running shoes", "a podcast", "the dentist"];

/**
 * An imported conversation: the fact (FACT unless given) first, then `fillers` messages about other things, a day apart
 * every ten, so the fact is far out of the window and out of the summary's reach; feeding browser memory `memoryId`, if given.
 */
export async function importParaphrasedFact(fillers = 400, fact = FACT, memoryId: string | null = null): Promise<string> {
  const start = Date.UTC(2025, 0, 1);
  const messages = [
    fact,
    ...Array.from({ length: fillers }, (_, i) => `A note about ${TOPICS[i % TOPICS.length]}, number ${i}, nothing important.`),
  ].map((content, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content,
    createdAt: new Date(start + Math.floor(i / 10) * 86_400_000 + i * 1_000).toISOString(),
  }));
  const [parsed] = parseImport({ title: "A long conversation", messages }, importLimits()).conversations;
  return (await importConversation(parsed, memoryLimits(), memoryId)).id;
}
