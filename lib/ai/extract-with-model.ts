import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { type Extraction, extractionSchema } from "../memory/bounds";
import { extractOffline } from "../memory/extract-offline";
import type { ChatModelHandle } from "./model";

const INSTRUCTIONS =
  "Extract what the user states about themselves in this message: stable preferences as key/value " +
  "pairs (keys such as name, preference, topic, language, location) and short durable facts. " +
  "Return empty lists when the message states nothing about the user.";

/** Only messages that talk about the speaker can teach anything, so others cost no model call. */
const SPEAKS_ABOUT_SELF = /\b(i|i'm|im|i've|my|me|mine|call me|let's|lets|topic)\b/i;

/**
 * What a user message teaches. A real model answers with structured output validated by zod; the
 * offline model, or a failed call, falls back to the deterministic extractor.
 */
export async function extractWithModel(handle: ChatModelHandle, text: string): Promise<Extraction> {
  const offline = extractOffline(text);
  if (handle.kind === "offline" || !SPEAKS_ABOUT_SELF.test(text)) return offline;
  try {
    const structured = handle.model.withStructuredOutput(extractionSchema, { name: "remember_about_user" });
    const result = await structured.invoke([new SystemMessage(INSTRUCTIONS), new HumanMessage(text)], {
      signal: AbortSignal.timeout(handle.timeoutMs),
    });
    const parsed = extractionSchema.parse(result);
    return {
      preferences: [...offline.preferences.filter((p) => !parsed.preferences.some((q) => q.key === p.key)), ...parsed.preferences],
      facts: parsed.facts,
    };
  } catch (error) {
    console.warn(`[memory] Extraction by the model failed, using the offline extractor: ${String(error)}`);
    return offline;
  }
}
