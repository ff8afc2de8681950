import { z } from "zod";
import { AppError } from "../../errors";
import { runNow, type Steps } from "../steps";
import type { ImportedConversation, ImportedMessage } from "./imported-conversation";
import { validateInSteps } from "./validate-in-steps";

/*
 * ChatGPT's data export (Settings → Data controls → Export) ships `conversations.json`: an array of
 * conversations, each a tree of nodes keyed by id. Editing a message or regenerating a reply adds a
 * sibling branch; `current_node` is the leaf the user last saw. Only the fields read here are
 * described; everything else (and every field OpenAI adds later) passes through untouched.
 */

const chatGptMessageSchema = z.looseObject({
  id: z.string(),
  author: z.looseObject({ role: z.string(), name: z.string().nullish() }),
  /** Epoch seconds, often fractional. */
  create_time: z.number().nullish(),
  content: z.looseObject({
    content_type: z.string(),
    /** Strings for text; objects (image pointers, audio) mixed in for multimodal_text. */
    parts: z.array(z.unknown()).optional(),
    /** Used by content types without parts, such as "code". Null is tolerated: only "code" reads it. */
    text: z.string().nullish(),
  }),
  metadata: z.looseObject({ is_visually_hidden_from_conversation: z.boolean().optional() }).optional(),
  /** Who the message is addressed to: "all" for the conversation, a tool name for a tool call. */
  recipient: z.string().optional(),
});

const chatGptNodeSchema = z.looseObject({
  id: z.string(),
  /** Null on the synthetic root node. */
  message: chatGptMessageSchema.nullish(),
  parent: z.string().nullish(),
  children: z.array(z.string()).optional(),
});

/** Its mapping's nodes are checked apart, a slice at a time (validate-in-steps.ts). */
const chatGptConversationSchema = z.looseObject({
  title: z.string().nullish(),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  mapping: z.record(z.string(), z.unknown()),
  current_node: z.string().nullish(),
});

const chatGptExportSchema = z.array(chatGptConversationSchema);

type ChatGptConversation = z.infer<typeof chatGptConversationSchema>;
type ChatGptNode = z.infer<typeof chatGptNodeSchema>;
type ChatGptMessage = z.infer<typeof chatGptMessageSchema>;
type NodeMap = Map<string, ChatGptNode>;

/** Roles the format is known to use; a new one might carry content we would silently drop, so it is an error. */
const IMPORTED_ROLES: readonly string[] = ["user", "assistant"] satisfies ImportedMessage["role"][];
const SKIPPED_ROLES = new Set(["system", "tool"]);

function isImportedRole(role: string): role is ImportedMessage["role"] {
  return IMPORTED_ROLES.includes(role);
}

/** Date's own upper bound is far later, but nothing past year 9999 is a real timestamp (and ISO strings break). */
const MAX_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const MAX_TITLE_IN_ERROR = 60;

/** Cheap shape check to tell this format apart from others before a full parse. */
export function isChatGptExport(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first: unknown = value[0];
  return isPlainObject(first) && isPlainObject((first as Record<string, unknown>).mapping);
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every conversation in the export, each reduced to the branch that was on screen. Throws INVALID_IMPORT. */
export function parseChatGptExport(value: unknown): ImportedConversation[] {
  return runNow(chatGptExportSteps(value));
}

/**
 * parseChatGptExport with a step after each conversation checked and each one read, so that a large
 * file does not hold the event loop. Every conversation is checked before any is read, as one schema
 * over the whole array would: the first problem in the file is the one reported.
 */
export function* chatGptExportSteps(value: unknown): Steps<ImportedConversation[]> {
  if (!Array.isArray(value)) throw invalid(`ChatGPT export: ${describeIssue(chatGptExportSchema.safeParse(value).error?.issues[0])}`);
  if (value.length === 0) throw invalid("ChatGPT export: the file has no conversations.");
  const checked: { conversation: ChatGptConversation; nodes: NodeMap }[] = [];
  for (const [index, conversation] of value.entries()) {
    const parsed = chatGptConversationSchema.safeParse(conversation);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`ChatGPT export: ${describeIssue(issue && { ...issue, path: [index, ...issue.path] })}`);
    }
    const ids = Object.keys(parsed.data.mapping);
    const nodes = yield* validateInSteps(chatGptNodeSchema, Object.values(parsed.data.mapping), (issue, at) =>
      invalid(`ChatGPT export: ${describeIssue({ ...issue, path: [index, "mapping", ids[at], ...issue.path] })}`),
    );
    // A Map, so ids such as "constructor" cannot reach Object.prototype.
    checked.push({ conversation: parsed.data, nodes: new Map(ids.map((id, at) => [id, nodes[at]])) });
    yield;
  }
  const conversations: ImportedConversation[] = [];
  for (const [index, { conversation, nodes }] of checked.entries()) {
    conversations.push(parseConversation(conversation, nodes, `Conversation ${index + 1}${titleLabel(conversation)}`));
    yield;
  }
  if (conversations.every((conversation) => conversation.messages.length === 0)) {
    throw invalid("ChatGPT export: no conversation has a user or assistant message to import.");
  }
  return conversations;
}

function invalid(message: string): AppError {
  return new AppError("INVALID_IMPORT", message);
}

/** "conversation 2, mapping.x.message.author.role: expected string, received number" — where the file is wrong, 1-based. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "the file is not valid.";
  const [first, ...rest] = issue.path;
  const where: string[] = [];
  if (typeof first === "number") where.push(`conversation ${first + 1}`);
  const fieldPath = (typeof first === "number" ? rest : issue.path).map(String).join(".");
  if (fieldPath) where.push(fieldPath);
  const message = issue.message.replace(/^Invalid input: /, "");
  return where.length > 0 ? `${where.join(", ")}: ${message}` : message;
}

/** ` ("Trip plans")`, shortened and JSON-quoted so odd characters cannot garble the error. */
function titleLabel(conversation: ChatGptConversation): string {
  const title = conversation.title?.trim();
  if (!title) return "";
  const short = title.length > MAX_TITLE_IN_ERROR ? `${title.slice(0, MAX_TITLE_IN_ERROR)}…` : title;
  return ` (${JSON.stringify(short)})`;
}

function parseConversation(conversation: ChatGptConversation, nodes: NodeMap, where: string): ImportedConversation {
  const messages = currentBranch(nodes, conversation.current_node, where).flatMap((id) => {
    const message = importedMessage(nodes.get(id)?.message, id, where);
    return message ? [message] : [];
  });
  // Nothing to import (only an image, say): the caller skips it and says so.
  return { title: parseTitle(conversation.title, where), messages };
}

function parseTitle(title: string | null | undefined, where: string): string | null {
  const trimmed = title?.trim();
  if (!trimmed) return null;
  const problem = textProblem(trimmed);
  if (problem) throw invalid(`${where}: the title ${problem}.`);
  return trimmed;
}

/** Node ids from the root to the leaf that was on screen. Other branches (old edits, regenerations) are dropped. */
function currentBranch(nodes: NodeMap, currentNode: string | null | undefined, where: string): string[] {
  const branch: string[] = [];
  const seen = new Set<string>();
  // A parent outside the mapping ends the walk, as it does for findRoot.
  let id = currentNode && nodes.has(currentNode) ? currentNode : fallbackLeaf(nodes, where);
  while (id !== undefined && nodes.has(id)) {
    if (seen.has(id)) throw invalid(`${where}: the parent links of node ${id} form a cycle.`);
    seen.add(id);
    branch.push(id);
    id = nodes.get(id)?.parent ?? undefined;
  }
  return branch.reverse();
}

/** Without a usable current_node, the newest path: from the root, always the last (most recent) child. */
function fallbackLeaf(nodes: NodeMap, where: string): string | undefined {
  let id = findRoot(nodes, where);
  const seen = new Set<string>();
  while (id !== undefined) {
    seen.add(id);
    const child = lastKnownChild(nodes, id);
    if (child === undefined) return id;
    if (seen.has(child)) throw invalid(`${where}: the child links of node ${id} form a cycle.`);
    id = child;
  }
  return undefined;
}

/** The node whose parent is absent or outside the mapping; if every node has a parent inside, the links loop. */
function findRoot(nodes: NodeMap, where: string): string | undefined {
  if (nodes.size === 0) return undefined;
  for (const [id, node] of nodes) {
    if (!node.parent || !nodes.has(node.parent)) return id;
  }
  throw invalid(`${where}: the parent links form a cycle (no node is a root).`);
}

function lastKnownChild(nodes: NodeMap, id: string): string | undefined {
  return nodes
    .get(id)
    ?.children?.filter((child) => nodes.has(child))
    .at(-1);
}

/** The message as imported, or null when it is not part of the visible user/assistant exchange. */
function importedMessage(message: ChatGptMessage | null | undefined, nodeId: string, where: string): ImportedMessage | null {
  if (!message) return null;
  const role = message.author.role;
  if (!isImportedRole(role)) {
    if (SKIPPED_ROLES.has(role)) return null;
    throw invalid(`${where}: node ${nodeId} has an unknown author role ${JSON.stringify(role)}.`);
  }
  if (message.metadata?.is_visually_hidden_from_conversation === true) return null;
  // An assistant message addressed to a tool (browser, python, dalle…) is a tool call, not a reply.
  if (role === "assistant" && message.recipient !== undefined && message.recipient !== "all") return null;
  const content = messageText(message.content);
  if (!content || content.trim() === "") return null;
  const problem = textProblem(content);
  if (problem) throw invalid(`${where}: the text of node ${nodeId} ${problem}.`);
  return { role, content, createdAt: parseTime(message.create_time, nodeId, where) };
}

/** The readable text of a message; other content types (browsing results, reasoning, context) yield null. */
function messageText(content: ChatGptMessage["content"]): string | null {
  switch (content.content_type) {
    case "text":
    case "multimodal_text":
      // Non-string parts are attachments (image or audio pointers) that cannot be carried over.
      return (content.parts ?? []).filter((part): part is string => typeof part === "string" && part.trim() !== "").join("\n\n");
    case "code":
      return content.text ?? null;
    default:
      return null;
  }
}

/** NUL cannot be stored in PostgreSQL text, and lone surrogates are not text at all. */
function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (!text.isWellFormed()) return "is not well-formed text (it has a lone surrogate)";
  return null;
}

function parseTime(seconds: number | null | undefined, nodeId: string, where: string): Date | null {
  if (seconds === null || seconds === undefined) return null;
  // Rounded so 1700000000.123 is .123 ms, not .122 from floating point.
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(ms) || ms < 0 || ms > Math.min(MAX_EPOCH_MS, Date.now() + 86_400_000)) {
    throw invalid(`${where}: node ${nodeId} has an invalid create_time ${seconds}.`);
  }
  return new Date(ms);
}
