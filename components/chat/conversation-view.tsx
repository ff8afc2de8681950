"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { getConversation, keepConversation, switchBranch } from "@/app/actions/conversations";
import { overlayOpen } from "@/components/ui/overlay-open";
import type { AttachmentView } from "@/lib/attachments/attachment-view";
import { MESSAGE_PAGE_SIZE } from "@/lib/conversations/inputs";
import type { ConversationPage } from "@/lib/conversations/read";
import { ensureMemoryId, forgetId, readAcrossChats, readOtherChats } from "../browser-storage";
import { revalidatePage, setPage } from "../client-data";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { describeChatError } from "./error-text";
import { IndexingNotice } from "./indexing-notice";
import type { MessageActions } from "./message-item";
import { MessageList } from "./message-list";
import { ReplyAnnouncer } from "./reply-announcer";
import { TemporaryNotice } from "./temporary-notice";
import { TurnError } from "./turn-error";
import { applyPage, type ChatMessage, type ComposerLimits, initialMessages, leavesGap, shownThrough, toChatMessage } from "./types";
import { useAttachmentUploads } from "./use-attachment-uploads";
import { useConversationEvents } from "./use-conversation-events";

/** Pages fetched at once when jumping to an older message. */
const JUMP_PAGE_SIZE = 200;

/** One conversation: its stored messages, the live turn through useChat, and older pages on demand. */
export function ConversationView({
  id,
  initial,
  limits,
  offline,
  chosenModel,
  model,
  onTurnStarted,
  onTurnSettled,
}: {
  id: string;
  initial: ConversationPage;
  limits: ComposerLimits;
  /** No model is configured: a new conversation shows how to connect one. */
  offline: boolean;
  /** Sent with each turn once the user picked one; otherwise the server uses the conversation's own. */
  chosenModel: string | null;
  /** The model the next turn goes to, and whether it sees images (the composer warns when it does not). */
  model: { name: string; seesImages: boolean };
  onTurnStarted: () => void;
  onTurnSettled: () => void;
}) {
  const modelNow = useRef(chosenModel);
  modelNow.current = chosenModel;
  // A temporary chat: chosen on a new one, or stored as one. It sends no memory, and stays out of the list.
  const [temporary, setTemporary] = useState(Boolean(initial.conversation?.temporaryUntil));
  const temporaryNow = useRef(temporary);
  temporaryNow.current = temporary;
  const started = useCallback(() => {
    if (!temporaryNow.current) onTurnStarted();
  }, [onTurnStarted]);
  // The next request's edit or regenerate: which message it makes a new version of; and the last request's.
  const fork = useRef<{ edit: string } | { regenerate: string } | null>(null);
  // The files the next request's message carries: uploaded for it, and with an edit, those it keeps.
  const sending = useRef<string[]>([]);
  const keeping = useRef<string[]>([]);
  const lastFork = useRef<typeof fork.current>(null);
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        // The server holds the history; a request carries only the conversation id, the new message, a chosen model,
        // for a new version the message it replaces, and this browser's memory (with whether memory across chats is on).
        prepareSendMessagesRequest: ({ id: chatId, messages }) => {
          // With memory across chats off, the memory id still says who writes (a chat someone else writes in keeps its owner's memory out).
          const body = {
            id: chatId,
            message: messages.at(-1),
            ...(modelNow.current && { model: modelNow.current }),
            ...fork.current,
            ...(sending.current.length > 0 && { attachments: sending.current }),
            ...(keeping.current.length > 0 && { keep: keeping.current }),
            ...(temporaryNow.current ? { temporary: true } : { memory: ensureMemoryId().id }),
            ...(!temporaryNow.current && !readAcrossChats() && { acrossChats: false }),
            ...(!temporaryNow.current && !readOtherChats() && { otherChats: false }),
          };
          lastFork.current = fork.current;
          fork.current = null;
          sending.current = [];
          keeping.current = [];
          return { body };
        },
      }),
    [],
  );
  const { messages, sendMessage, status, stop, error, regenerate, setMessages } = useChat<ChatMessage>({
    id,
    messages: initialMessages(initial.messages),
    transport,
    generateId: () => crypto.randomUUID(),
    // A reply still being generated when the page loads continues live, from its first character.
    resume: true,
    onFinish: ({ isError }) => {
      // A new version: the page says which versions each message now has.
      if (lastFork.current && !isError) void revalidatePage(id);
      onTurnSettled();
    },
    onError: onTurnSettled,
  });
  const busy = status === "submitted" || status === "streaming";
  // Read when an edit is sent (so the actions, and every message that gets them, stay the same as text
  // arrives) and when a page is fetched again.
  const messagesNow = useRef(messages);
  messagesNow.current = messages;
  const replacing = useConversationEvents(id, shownThrough(initial.messages), busy, setMessages, onTurnSettled);

  const [hasMore, setHasMore] = useState(initial.hasMore);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const oldestSeq = useRef(initial.messages[0]?.seq);
  // Read by an async loop (jumpTo), which would otherwise see the value of its first render.
  const hasMoreNow = useRef(hasMore);
  hasMoreNow.current = hasMore;

  // The branch this tab shows; a reply streamed here says when a new version made another one current.
  const branchShown = useRef(initial.branch);
  const replyBranch = messages.at(-1)?.metadata?.branch;
  useEffect(() => {
    if (replyBranch !== undefined) branchShown.current = replyBranch;
  }, [replyBranch]);

  // The page fetched again (opened again, a version chosen here or in another tab, a tab far behind told to
  // reload): what it shows now wins. A page of another branch replaces what is shown. A page that would leave
  // a gap before it (leavesGap) replaces what is older than it, keeping what arrived since it was read.
  const shown = useRef(initial);
  useEffect(() => {
    if (shown.current === initial || busy) return;
    shown.current = initial;
    if (initial.branch === branchShown.current) {
      // Decided once, so that what is shown and where older pages load from agree.
      const gap = leavesGap(messagesNow.current, initial);
      if (gap) {
        oldestSeq.current = initial.messages[0]?.seq;
        hasMoreNow.current = initial.hasMore;
        setHasMore(initial.hasMore);
      }
      setMessages((current) => applyPage(current, initial, gap));
      return;
    }
    branchShown.current = initial.branch;
    oldestSeq.current = initial.messages[0]?.seq;
    hasMoreNow.current = initial.hasMore;
    setHasMore(initial.hasMore);
    setMessages(initialMessages(initial.messages));
    // The branch's memory and the conversation's place in the list changed with it.
    onTurnSettled();
  }, [initial, busy, setMessages, onTurnSettled]);

  /** Prepends the page before the oldest message shown; false when there was none to load. */
  const prependOlder = useCallback(
    async (limit: number): Promise<boolean> => {
      if (!hasMoreNow.current || oldestSeq.current === undefined) return false;
      const page = await getConversation({ id, before: oldestSeq.current, limit });
      setOlderError(page.ok ? null : page.error.message);
      if (!page.ok) return false;
      hasMoreNow.current = page.data.hasMore;
      setHasMore(page.data.hasMore);
      if (page.data.messages.length === 0) return false;
      oldestSeq.current = page.data.messages[0].seq;
      const older = page.data.messages.map(toChatMessage);
      setMessages((current) => [...older.filter((m) => !current.some((c) => c.id === m.id)), ...current]);
      return true;
    },
    [id, setMessages],
  );

  const loadOlder = useCallback(async () => {
    if (loadingOlder) return;
    setLoadingOlder(true);
    await prependOlder(MESSAGE_PAGE_SIZE);
    setLoadingOlder(false);
  }, [loadingOlder, prependOlder]);

  // A link to "#m-<position>" (from "What the assistant sees") loads older pages until that message is here.
  const jumpTo = useCallback(
    async (seq: number) => {
      let more = true;
      while (more && (oldestSeq.current ?? 0) > seq) more = await prependOlder(JUMP_PAGE_SIZE);
      requestAnimationFrame(() => {
        const target = document.getElementById(`m-${seq}`);
        target?.scrollIntoView({ block: "center" });
        target?.setAttribute("data-highlighted", "true");
        setTimeout(() => target?.removeAttribute("data-highlighted"), 2_000);
      });
    },
    [prependOlder],
  );
  useEffect(() => {
    const follow = () => {
      const match = /^#m-([1-9]\d*)$/.exec(window.location.hash);
      if (match) void jumpTo(Number(match[1]));
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [jumpTo]);

  const stopReply = useCallback(() => {
    // Stop ends generation on the server, whichever instance runs it; closing the stream alone would not.
    // It names the reply this tab shows, so another tab's reply in this conversation goes on; before the
    // reply's first chunk names it, every reply here stops.
    const last = messagesNow.current.at(-1);
    const body = last?.role === "assistant" ? JSON.stringify({ reply: last.id }) : undefined;
    void fetch(`/api/conversations/${id}/stop`, { method: "POST", headers: { "content-type": "application/json" }, body });
    void stop();
  }, [id, stop]);
  // Esc stops the reply being written, unless it is closing a dialog.
  useEffect(() => {
    if (!busy) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing || overlayOpen()) return;
      // Esc in a field (a rename, a preference, the search box) cancels that, not the reply.
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      stopReply();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [busy, stopReply]);

  const [editingId, setEditingId] = useState<string | null>(null);
  const actions = useMemo<MessageActions>(
    () => ({
      startEdit: setEditingId,
      cancelEdit: () => setEditingId(null),
      submitEdit: (messageId, text, kept) => {
        setEditingId(null);
        const shownNow = messagesNow.current;
        const at = shownNow.findIndex((m) => m.id === messageId);
        if (at < 0) return;
        started();
        fork.current = { edit: messageId };
        keeping.current = kept.map((file) => file.id);
        replacing(shownNow.slice(at).map((m) => m.id));
        setMessages(shownNow.slice(0, at));
        void sendMessage({ text, ...(kept.length > 0 && { metadata: { attachments: kept } }) });
      },
      regenerate: (messageId) => {
        started();
        const shownNow = messagesNow.current;
        const at = shownNow.findIndex((m) => m.id === messageId);
        if (at >= 0) replacing(shownNow.slice(at).map((m) => m.id));
        fork.current = { regenerate: messageId };
        void regenerate({ messageId });
      },
      switchTo: async (branch) => {
        const page = await switchBranch({ id, branch });
        if (page.ok) void setPage(id, page.data);
        else void revalidatePage(id);
      },
    }),
    [id, started, regenerate, sendMessage, setMessages, replacing],
  );
  // Retry after a new version the server refused before storing anything (no reply began) sends it again as a
  // new version; once stored, Retry is the plain one, which adds a reply on the new branch.
  const retry = useCallback(() => {
    const last = messagesNow.current.at(-1);
    if (lastFork.current && last?.role !== "assistant") fork.current = lastFork.current;
    if (last?.role === "assistant") replacing([last.id]);
    void regenerate();
  }, [regenerate, replacing]);
  const editLast = useCallback(() => {
    const lastMine = messages.findLast((m) => m.role === "user");
    if (lastMine) setEditingId(lastMine.id);
  }, [messages]);

  const uploads = useAttachmentUploads(id, limits);
  const [dragging, setDragging] = useState(false);
  const send = (text: string, attachments: AttachmentView[] = []) => {
    started();
    sending.current = attachments.map((file) => file.id);
    void sendMessage({ text, ...(attachments.length > 0 && { metadata: { attachments } }) });
  };
  // Files dropped anywhere on the conversation are attached to the next message.
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  const dropTarget = {
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      uploads.add([...event.dataTransfer.files]);
    },
  };
  const keep = async () => {
    const result = await keepConversation({ id }).catch(() => null);
    if (!result?.ok) return;
    setTemporary(false);
    onTurnStarted();
  };

  const failure = error && describeChatError(error);
  // Deleted elsewhere: this browser forgets it, on the server's word.
  const deleted = failure?.code === "DELETED";
  useEffect(() => {
    if (deleted) forgetId(id);
  }, [deleted, id]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col" {...dropTarget}>
      {dragging && (
        <div className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-2xl border-2 border-dashed border-indigo-500 bg-indigo-50/90 text-base font-medium text-indigo-800 dark:bg-indigo-950/90 dark:text-indigo-200">
          Drop files to attach them
        </div>
      )}
      {messages.length === 0 ? (
        <EmptyState offline={offline} onSuggest={send} temporary={temporary} onTemporaryChange={setTemporary} />
      ) : (
        <MessageList
          messages={messages}
          hasMore={hasMore}
          loadingOlder={loadingOlder}
          olderError={olderError}
          onLoadOlder={loadOlder}
          waiting={status === "submitted"}
          actions={busy ? null : actions}
          editingId={busy ? null : editingId}
          maxChars={limits.maxChars}
        />
      )}
      <IndexingNotice conversationId={id} />
      <ReplyAnnouncer busy={busy} messages={messages} />
      {failure && <TurnError key={error.message} failure={failure} onRetry={failure.code === "DELETED" ? undefined : retry} />}
      {temporary && <TemporaryNotice onKeep={messages.length > 0 && !busy ? () => void keep() : null} />}
      <Composer
        conversationId={id}
        busy={busy}
        maxChars={limits.maxChars}
        uploads={uploads}
        blindModel={model.seesImages ? null : model.name}
        onStop={stopReply}
        onEditLast={editLast}
        onSend={send}
      />
    </div>
  );
}
