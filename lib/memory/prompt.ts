import { type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { type FileLine, filesSection } from "../attachments/files-section";
import type { PromptImage } from "../attachments/prompt-images";
import type { SavedItem } from "../saved-memories/derive-saved";
import { SAVED_NOTE, savedProfileLines } from "../saved-memories/saved-profile";
import { extractOffline } from "./extract-offline";
import { toChatMessages } from "./messages";
import { OTHER_CHATS_HEADING } from "./other-chats-select";
import { type RecalledMessage, recalledSection } from "./recall-select";
import type { MemoryBuffer } from "./schema";
import { countTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens";
import { mergePreferences } from "./update";

export const SYSTEM_INSTRUCTIONS =
  "You are a helpful assistant with memory of this conversation. Use what you know about the user " +
  "when it helps, answer in Markdown, and say so when you do not know something.";
export const SUMMARY_HEADING = "Summary of the earlier conversation:";
export const PROFILE_HEADING = "What you know about the user:";
export const FACTS_HEADING = "Facts:";

/** One system message describing the user, or none when nothing is known. */
function profileText(preferences: string[], facts: string[], note?: string): string | null {
  if (preferences.length === 0 && facts.length === 0) return null;
  // A blank line before the facts: read as Markdown (What the assistant sees), the heading would
  // otherwise continue the last preference's item.
  return [PROFILE_HEADING, ...(note ? [note] : []), ...preferences, ...(facts.length ? ["", FACTS_HEADING, ...facts] : [])].join("\n");
}

/** What this conversation alone knows of the user: its own preferences and facts. */
function ownProfile(memory: MemoryBuffer): string | null {
  return profileText(
    Object.entries(memory.user_preferences).map(([key, value]) => `- ${key}: ${value}`),
    memory.long_term_memory.facts.map((fact) => `- ${fact}`),
  );
}

/** What is known of the user across their conversations (saved memories), with when and where each was said. */
export interface SavedProfile {
  items: SavedItem[];
  maxTokens: number;
}

/** The parts of a prompt, in order. */
export type PromptSection = "instructions" | "summary" | "profile" | "recalled" | "elsewhere" | "files" | "window" | "message";

export interface PromptPart {
  section: PromptSection;
  message: BaseMessage;
  /** The older messages a recalled section holds (this conversation's, or the other chats'), one line each. */
  recalled?: RecalledMessage[];
  /** The saved memories the profile holds, one line each. */
  saved?: SavedItem[];
  /** The passages of files sent earlier that the files section holds, one line each. */
  files?: FileLine[];
  /** What the message's images cost, when they are sent as image parts. */
  imageTokens?: number;
  /** Frees what the message's images hold on this instance, once the reply is done with them (prompt-images.ts). */
  release?: () => void;
}

/** The profile part: saved memories when given (the caller merged the new message's statements in), else this conversation's own. */
function profilePart(memory: MemoryBuffer, userText: string, saved: SavedProfile | undefined): PromptPart[] {
  if (saved) {
    const { preferences, facts, shown } = savedProfileLines(saved.items, saved.maxTokens);
    const text = profileText(preferences, facts, SAVED_NOTE);
    return text ? [{ section: "profile", message: new SystemMessage(text), saved: shown }] : [];
  }
  const text = ownProfile({
    ...memory,
    user_preferences: mergePreferences(memory.user_preferences, extractOffline(userText).preferences),
  });
  return text ? [{ section: "profile", message: new SystemMessage(text) }] : [];
}

/**
 * The model's input for a turn, built on the server from stored memory: instructions, the running
 * summary, what is known about the user (this conversation's preferences and facts, or with memory
 * across chats those of all the user's conversations), older messages recalled for this message
 * (this conversation's, then the user's other chats'), the live window, then the new message, each
 * labelled with its section. What the new message plainly states ("my name is …") is already known
 * to this reply, before memory is written.
 */
export function promptParts(
  memory: MemoryBuffer,
  userText: string,
  recalled: RecalledMessage[] = [],
  saved?: SavedProfile,
  elsewhere: RecalledMessage[] = [],
  files: FileLine[] = [],
  images: PromptImage[] = [],
): PromptPart[] {
  const summary = memory.long_term_memory.summary;
  return [
    { section: "instructions", message: new SystemMessage(SYSTEM_INSTRUCTIONS) },
    ...(summary ? [{ section: "summary" as const, message: new SystemMessage(`${SUMMARY_HEADING}\n${summary}`) }] : []),
    ...profilePart(memory, userText, saved),
    ...(recalled.length ? [{ section: "recalled" as const, message: new SystemMessage(recalledSection(recalled)), recalled }] : []),
    ...(elsewhere.length
      ? [
          {
            section: "elsewhere" as const,
            message: new SystemMessage(recalledSection(elsewhere, OTHER_CHATS_HEADING)),
            recalled: elsewhere,
          },
        ]
      : []),
    ...(files.length ? [{ section: "files" as const, message: new SystemMessage(filesSection(files)), files }] : []),
    ...toChatMessages(memory.short_term_memory.messages).map((message) => ({ section: "window" as const, message })),
    images.length
      ? {
          section: "message",
          message: new HumanMessage({
            content: [{ type: "text", text: userText }, ...images.map((image) => ({ type: "image_url", image_url: { url: image.url } }))],
          }),
          imageTokens: images.reduce((sum, image) => sum + image.tokens, 0),
        }
      : { section: "message", message: new HumanMessage(userText) },
  ];
}

/** Tokens of a prompt as the model counts them: each message's text and its framing. */
export function promptTokens(parts: PromptPart[]): number {
  return parts.reduce((sum, part) => sum + countTokens(partText(part)) + (part.imageTokens ?? 0) + MESSAGE_OVERHEAD_TOKENS, 0);
}

/** A part's words: its text, or with images the text beside them. */
export function partText(part: PromptPart): string {
  const { content } = part.message;
  if (typeof content === "string") return content;
  return content.flatMap((piece) => (piece.type === "text" && "text" in piece ? [String(piece.text)] : [])).join("\n");
}
