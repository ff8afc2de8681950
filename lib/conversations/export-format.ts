import type { ConversationExport } from "./read";

const heading = (role: string) => (role === "user" ? "You" : role === "assistant" ? "Assistant" : "System");

/** A conversation as a Markdown document: its messages, then what memory holds. */
export function toMarkdown(data: ConversationExport): string {
  const { conversation, messages, memory } = data;
  const lines = [`# ${conversation.title ?? "New chat"}`, "", `Exported ${new Date().toISOString()} · ${messages.length} messages`, ""];
  for (const message of messages) {
    const note = message.status === "complete" ? "" : ` _(${message.status})_`;
    lines.push(`## ${heading(message.role)}${note}`, "", message.content, "");
  }
  lines.push("---", "", "## Memory", "");
  if (memory.summary) lines.push("**Summary:**", "", memory.summary, "");
  const preferences = Object.entries(memory.preferences);
  if (preferences.length) lines.push("**Preferences:**", "", ...preferences.map(([key, value]) => `- ${key}: ${value}`), "");
  if (memory.facts.length) lines.push("**Facts:**", "", ...memory.facts.map((fact) => `- ${fact}`), "");
  return lines.join("\n");
}

export function exportFileName(data: ConversationExport, extension: "md" | "json"): string {
  const slug = (data.conversation.title ?? "conversation")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${slug || "conversation"}.${extension}`;
}
