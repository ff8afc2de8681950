import { isUserMessage } from "./messages";
import type { StoredMessageJson } from "./schema";
import { boundSummary } from "./window";

const speaker = (message: StoredMessageJson) => (isUserMessage(message) ? "User" : "Assistant");

export function transcript(messages: StoredMessageJson[]): string {
  return messages.map((message) => `${speaker(message)}: ${message.data.content}`).join("\n");
}

/** The incremental summarization prompt: the previous summary and only the lines leaving the window. */
export function summaryPrompt(previousSummary: string, messages: StoredMessageJson[]): string {
  return [
    "Progressively summarize a conversation. Extend the summary with the new lines and return only",
    "the new summary, in at most 200 words. Keep names, preferences, decisions and open questions.",
    "",
    `Current summary:\n${previousSummary || "(empty)"}`,
    "",
    `New lines of conversation:\n${transcript(messages)}`,
    "",
    "New summary:",
  ].join("\n");
}

const gist = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  // Cut by UTF-16 units; toWellFormed mends a split emoji, which jsonb would refuse.
  return flat.length > 120 ? `${flat.slice(0, 117).toWellFormed()}…` : flat;
};

/**
 * About the 200 words a model is asked for: older specifics are recalled from the messages
 * themselves (recall), so the summary need only carry the recent gist.
 */
export const OFFLINE_SUMMARY_CHARS = 1_500;

/** The offline model's deterministic summary: the previous one plus the gist of each new line, newest kept. */
export function offlineSummary(previousSummary: string, messages: StoredMessageJson[]): string {
  const lines = messages.map((message) => `${speaker(message)}: ${gist(message.data.content)}`);
  return boundSummary([previousSummary, ...lines].filter(Boolean).join("\n"), OFFLINE_SUMMARY_CHARS);
}
