import { fileSize } from "../attachments/attachment-note";
import { downloadName, typeLabel } from "../attachments/attachment-type";
import type { ConversationSummary, MemoryView, MessageView } from "./views";

// A conversation as a file, in pieces, so an export is written a batch of messages at a time
// (lib/conversations/export-stream.ts). Joined, the JSON pieces are JSON.stringify of
// { conversation, messages, memory } with two-space indentation: what the import reads back.

/** A message's file as an export lists it; in a zip export, with the path of its bytes there. */
export interface ExportedFile {
  name: string;
  mediaType: string;
  size: number;
  width: number | null;
  height: number | null;
  file?: string;
}

/** A message as an export writes it: with the files it was sent with, if any. */
export type ExportedMessage = Omit<MessageView, "attachments"> & { attachments?: ExportedFile[] };

/** Where a zip export keeps a file's bytes: under its attachment's id, so that two files of one name stay apart. */
export const archiveFilePath = (attachmentId: string, name: string, mediaType: string) =>
  `files/${attachmentId}/${downloadName(name, mediaType)}`;

const heading = (role: string) => (role === "user" ? "You" : role === "assistant" ? "Assistant" : "System");

/** A title on one line: a newline in it would start a section of its own. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function markdownHead(conversation: ConversationSummary, messageCount: number, at: Date): string {
  return `# ${oneLine(conversation.title ?? "") || "New chat"}\n\nExported ${at.toISOString()} · ${messageCount} messages\n\n`;
}

export function markdownMessage(message: ExportedMessage): string {
  const note = message.status === "complete" ? "" : ` _(${message.status})_`;
  const files = (message.attachments ?? []).map(
    (file) => `- 📎 ${oneLine(file.name)} (${typeLabel(file.mediaType)}, ${fileSize(file.size)})`,
  );
  return `## ${heading(message.role)}${note}\n\n${message.content}\n\n${files.length ? `${files.join("\n")}\n\n` : ""}`;
}

export function markdownMemory(memory: MemoryView): string {
  const lines = ["---", "", "## Memory", ""];
  if (memory.summary) lines.push("**Summary:**", "", memory.summary, "");
  const preferences = Object.entries(memory.preferences);
  if (preferences.length)
    lines.push("**Preferences:**", "", ...preferences.map(([key, value]) => `- ${oneLine(key)}: ${oneLine(value)}`), "");
  if (memory.facts.length) lines.push("**Facts:**", "", ...memory.facts.map((fact) => `- ${oneLine(fact)}`), "");
  return lines.join("\n");
}

const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replaceAll("\n", `\n${" ".repeat(depth)}`);

export function jsonHead(conversation: ConversationSummary): string {
  return `{\n  "conversation": ${indented(conversation, 2)},\n  "messages": [`;
}

export function jsonMessage(message: ExportedMessage, first: boolean): string {
  return `${first ? "" : ","}\n    ${indented(message, 4)}`;
}

export function jsonTail(memory: MemoryView, anyMessages: boolean): string {
  return `${anyMessages ? "\n  " : ""}],\n  "memory": ${indented(memory, 2)}\n}`;
}

/**
 * The download's Content-Disposition: an ASCII name for old clients, and the title as it is
 * (accents, any script) for the others (RFC 6266 / RFC 8187).
 */
export function exportDisposition(title: string | null, extension: "md" | "json" | "zip"): string {
  const base = oneLine(title ?? "").slice(0, 60);
  const ascii =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "conversation";
  const unicode = base.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "conversation";
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${unicode}.${extension}`)}`;
}
