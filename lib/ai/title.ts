import { HumanMessage } from "@langchain/core/messages";
import { plainText } from "../markdown/plain-text";
import { oneLine } from "../text/one-line";
import type { ChatModelHandle } from "./model";

const MAX_TITLE = 60;

/** The first line of the first message, cut at a word. */
export function fallbackTitle(text: string): string {
  const line = oneLine(plainText(text.slice(0, 4 * MAX_TITLE)));
  if (line.length <= MAX_TITLE) return line || "New chat";
  return `${line
    .slice(0, MAX_TITLE)
    .replace(/\s+\S*$/, "")
    .toWellFormed()}…`;
}

/** A short title for a new conversation; best effort: any failure falls back to the first words. */
export async function generateTitle(handle: ChatModelHandle, firstMessage: string): Promise<string> {
  if (handle.kind === "offline") return fallbackTitle(firstMessage);
  try {
    const reply = await handle.model.invoke(
      [
        new HumanMessage(
          `Write a title of at most 6 words for a chat that starts with this message. Reply with the title only.\n\n${firstMessage.slice(0, 2000)}`,
        ),
      ],
      { signal: AbortSignal.timeout(handle.timeoutMs) },
    );
    const title = (typeof reply.content === "string" ? reply.content : "").replace(/^["'\s]+|["'\s.]+$/g, "");
    return title.length > 0 && title.isWellFormed() ? fallbackTitle(title) : fallbackTitle(firstMessage);
  } catch {
    return fallbackTitle(firstMessage);
  }
}
