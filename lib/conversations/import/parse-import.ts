import type { z } from "zod";
import { AppError } from "../../errors";
import { runInSteps, runNow, type Steps } from "../steps";
import { chatGptExportSteps, isChatGptExport } from "./chatgpt-export";
import type { ImportedConversation } from "./imported-conversation";
import { fromOwnExport, ownExportMessageSchema, ownExportSchema } from "./own-export-import";
import { fromTranscript, transcriptMessageSchema, transcriptSchema } from "./transcript-import";
import { validateInSteps } from "./validate-in-steps";

/** What one import may hold (IMPORT_* in lib/env.ts); the body's bytes are bounded before parsing. */
export interface ImportLimits {
  maxConversations: number;
  maxMessages: number;
  maxMessageChars: number;
}

const FORMATS_HINT =
  'Import a ChatGPT conversations.json, a JSON export of this app, or a transcript: {"title": "…", "messages": [{"role": "user", "content": "…"}]}.';

/** "messages[4].role: must be …": where the file is wrong, counting from 1 as people do. */
function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "the file is not valid.";
  const path = issue.path.map((key, index) => (typeof key === "number" ? `[${key + 1}]` : `${index ? "." : ""}${String(key)}`)).join("");
  const message = issue.message.replace(/^Invalid input: /, "");
  return path ? `${path}: ${message}` : message;
}

function parseWith<T extends z.ZodType>(schema: T, body: unknown, format: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError("INVALID_IMPORT", `${format}: ${issueText(parsed.error.issues[0])}`);
  return parsed.data;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What a file holds: the conversations to store, and the titles of those with nothing to import. */
export interface ParsedImport {
  conversations: ImportedConversation[];
  skipped: (string | null)[];
}

function checkLimits(conversations: ImportedConversation[], limits: ImportLimits): void {
  if (conversations.length > limits.maxConversations) {
    throw new AppError(
      "IMPORT_TOO_LARGE",
      `The file holds ${conversations.length} conversations; at most ${limits.maxConversations} can be imported at once.`,
    );
  }
  conversations.forEach((conversation, index) => {
    const where = conversations.length > 1 ? `Conversation ${index + 1}` : "The conversation";
    if (conversation.messages.length === 0) throw new AppError("INVALID_IMPORT", `${where} has no messages to import.`);
    if (conversation.messages.length > limits.maxMessages) {
      throw new AppError("IMPORT_TOO_LARGE", `${where} has ${conversation.messages.length} messages; the limit is ${limits.maxMessages}.`);
    }
    const long = conversation.messages.findIndex((message) => message.content.length > limits.maxMessageChars);
    if (long >= 0) {
      throw new AppError("IMPORT_TOO_LARGE", `${where}, message ${long + 1}: longer than ${limits.maxMessageChars} characters.`);
    }
  });
}

/** Recognizes the format and reads every conversation, or throws a typed error naming the problem; nothing is stored here. */
export function parseImport(body: unknown, limits: ImportLimits): ParsedImport {
  return runNow(importSteps(body, limits));
}

/** parseImport for a large file: `pause` gives other requests a turn between its conversations. */
export function parseImportInSteps(body: unknown, limits: ImportLimits, pause: () => Promise<void>): Promise<ParsedImport> {
  return runInSteps(importSteps(body, limits), pause);
}

/** A conversation's messages, refused by their count before any is checked, then checked a slice at a time. */
function* messagesSteps<T extends z.ZodType>(schema: T, messages: unknown[], format: string, limits: ImportLimits): Steps<z.output<T>[]> {
  if (messages.length > limits.maxMessages) {
    throw new AppError("IMPORT_TOO_LARGE", `The conversation has ${messages.length} messages; the limit is ${limits.maxMessages}.`);
  }
  return yield* validateInSteps(schema, messages, (issue, index) => {
    const where = issueText({ ...issue, path: ["messages", index, ...issue.path] });
    return new AppError("INVALID_IMPORT", `${format}: ${where}`);
  });
}

function* importSteps(body: unknown, limits: ImportLimits): Steps<ParsedImport> {
  let conversations: ImportedConversation[];
  if (isChatGptExport(body)) conversations = yield* chatGptExportSteps(body);
  else if (isObject(body) && "conversation" in body && "memory" in body) {
    const file = parseWith(ownExportSchema, body, "Export");
    conversations = [fromOwnExport({ ...file, messages: yield* messagesSteps(ownExportMessageSchema, file.messages, "Export", limits) })];
  } else if (isObject(body) && "messages" in body) {
    const file = parseWith(transcriptSchema, body, "Transcript");
    conversations = [
      fromTranscript({ ...file, messages: yield* messagesSteps(transcriptMessageSchema, file.messages, "Transcript", limits) }),
    ];
  } else throw new AppError("INVALID_IMPORT", FORMATS_HINT);
  yield;
  const skipped = conversations.filter((conversation) => conversation.messages.length === 0).map((conversation) => conversation.title);
  const kept = conversations.filter((conversation) => conversation.messages.length > 0);
  checkLimits(kept, limits);
  return { conversations: kept, skipped };
}
