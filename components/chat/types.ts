import type { UIMessage } from "ai";
import type { MessageView } from "@/lib/conversations/views";

/**
 * A chat message in the browser: the AI SDK's UIMessage, with its stored position, status and other
 * versions; a reply streamed here also says which branch it is on (ReplyMetadata).
 */
export type ChatMessage = UIMessage<{
  status?: MessageView["status"];
  seq?: number;
  versions?: MessageView["versions"];
  branch?: number;
  attachments?: MessageView["attachments"];
}>;

/** What the composer checks before sending: a message's length, and the files it may carry (the server checks again). */
export interface ComposerLimits {
  maxChars: number;
  maxFiles: number;
  maxFileBytes: number;
}

export function toChatMessage(message: MessageView): ChatMessage {
  return {
    id: message.id,
    role: message.role,
    parts: [{ type: "text", text: message.content }],
    metadata: {
      seq: message.seq,
      ...(message.status !== "complete" && { status: message.status }),
      ...(message.versions && { versions: message.versions }),
      ...(message.attachments && { attachments: message.attachments }),
    },
  };
}

/**
 * Stored messages as the chat starts from them. A reply still being generated is left out: resuming
 * the stream brings it back from its first character, and leaving it in would make the AI SDK
 * continue the old copy and show it twice.
 */
export function initialMessages(messages: MessageView[]): ChatMessage[] {
  return shownMessages(messages).map(toChatMessage);
}

function shownMessages(messages: MessageView[]): MessageView[] {
  const last = messages.at(-1);
  const live = last?.role === "assistant" && last.status === "streaming";
  return live ? messages.slice(0, -1) : messages;
}

/**
 * The last position the tab shows from a page: where its events stream starts. A reply left out
 * because it was still being generated is after it, so the stream brings it even if it ends before
 * the tab subscribes (then resuming finds nothing to resume).
 */
export function shownThrough(messages: MessageView[]): number {
  return shownMessages(messages).at(-1)?.seq ?? 0;
}

/** A message whose text is still arriving does not replace a copy that is final or already longer. */
function keepsCurrent(current: ChatMessage, incoming: MessageView): boolean {
  if (incoming.status !== "streaming") return false;
  const final = current.metadata?.status !== "streaming";
  return final || messageText(current).length > incoming.content.length;
}

/**
 * Stored messages (a page, or changes from the events stream) merged into what the tab shows: each
 * replaces its copy, unless that copy is further along, or takes its place by position. A message's
 * other versions come with pages only, and a message never loses them: a change from the events
 * stream, which may arrive after the page, keeps those its copy showed. A change of a message this tab
 * has since replaced (`replaced`) is late news of another branch, and is dropped.
 */
export function mergeChanged(current: ChatMessage[], changed: MessageView[], replaced: ReadonlySet<string> = new Set()): ChatMessage[] {
  const next = [...current];
  for (const view of changed) {
    // Read before this tab replaced it (a Retry, a new version): it left the branch shown.
    if (replaced.has(view.id)) continue;
    const at = next.findIndex((m) => m.id === view.id);
    if (at >= 0) {
      // A change without files (a reply, or read before they were linked) keeps those the message showed.
      const versions = view.versions ?? next[at].metadata?.versions;
      const attachments = view.attachments ?? next[at].metadata?.attachments;
      if (!keepsCurrent(next[at], view))
        next[at] = toChatMessage({ ...view, ...(versions && { versions }), ...(attachments && { attachments }) });
      continue;
    }
    const after = next.findIndex((m) => (m.metadata?.seq ?? Number.POSITIVE_INFINITY) > view.seq);
    next.splice(after < 0 ? next.length : after, 0, toChatMessage(view));
  }
  return next;
}

/**
 * Whether merging `page` (the latest messages of the branch shown) into what is shown could leave
 * messages out between the two: the page has older messages before it, its oldest is not shown, and
 * something older than it is. Positions order the messages of one branch.
 */
export function leavesGap(current: ChatMessage[], page: { messages: MessageView[]; hasMore: boolean }): boolean {
  const oldest = page.messages[0];
  if (!page.hasMore || !oldest || current.some((message) => message.id === oldest.id)) return false;
  return current.some((message) => (message.metadata?.seq ?? Number.POSITIVE_INFINITY) < oldest.seq);
}

/**
 * The latest page of the branch shown, fetched again, merged into what is shown. When that would leave
 * a gap before the page (leavesGap), what is older than the page goes (it loads again on scroll), and
 * what arrived since the page was read stays.
 */
export function applyPage(
  current: ChatMessage[],
  page: { messages: MessageView[]; hasMore: boolean },
  gap = leavesGap(current, page),
): ChatMessage[] {
  if (!gap) return mergeChanged(current, page.messages);
  const from = page.messages[0].seq;
  return mergeChanged(
    current.filter((message) => (message.metadata?.seq ?? from) >= from),
    page.messages,
  );
}

export const messageText = (message: ChatMessage) => message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
