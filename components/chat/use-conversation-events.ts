"use client";

import { useCallback, useEffect, useRef } from "react";
import type { MessageChange } from "@/lib/conversations/changes-stream";
import type { MessageView } from "@/lib/conversations/views";
import { revalidatePage } from "../client-data";
import { type ChatMessage, mergeChanged } from "./types";

/**
 * Keeps this tab current with turns made elsewhere (another tab, device or instance) from the
 * conversation's events stream, which carries every message added, growing or ending after the
 * page the tab loaded (`afterSeq`): nothing is polled. It never takes over the tab's own chat: while
 * this tab runs its own turn, changes wait and are applied afterwards. It returns what this tab calls
 * with the messages its own turn replaces.
 */
export function useConversationEvents(
  id: string,
  afterSeq: number,
  busy: boolean,
  setMessages: (update: (current: ChatMessage[]) => ChatMessage[]) => void,
  onReplyEnded: () => void,
) {
  const waiting = useRef(new Map<string, MessageView>());
  const busyRef = useRef(busy);
  const callbacks = useRef({ setMessages, onReplyEnded });
  callbacks.current = { setMessages, onReplyEnded };
  const since = useRef(afterSeq);
  // Messages this tab's own Retry, edit or regenerate took off the branch shown: a change read
  // before that (it can arrive after the new turn began) must not bring them back.
  const replaced = useRef(new Set<string>());

  const apply = useRef(() => {
    if (busyRef.current || waiting.current.size === 0) return;
    const changed = [...waiting.current.values()];
    waiting.current.clear();
    callbacks.current.setMessages((current) => mergeChanged(current, changed, replaced.current));
  });

  useEffect(() => {
    busyRef.current = busy;
    apply.current();
  }, [busy]);

  useEffect(() => {
    // Each connection starts again from the page the tab loaded, and the server from text position 0.
    const texts = new Map<string, string>();
    const source = new EventSource(`/api/conversations/${id}/events?after=${since.current}`);
    source.onopen = () => texts.clear();
    source.addEventListener("resync", () => {
      texts.clear();
      void revalidatePage(id);
    });
    source.onmessage = (event) => {
      const { message, from, text } = JSON.parse(event.data as string) as MessageChange;
      const content = from === 0 ? text : (texts.get(message.id) ?? "").slice(0, from) + text;
      texts.set(message.id, content);
      waiting.current.set(message.id, { ...message, content });
      if (message.role === "assistant" && message.status !== "streaming") callbacks.current.onReplyEnded();
      apply.current();
    };
    return () => source.close();
  }, [id]);

  return useCallback((ids: string[]) => {
    for (const messageId of ids) {
      replaced.current.add(messageId);
      waiting.current.delete(messageId);
    }
  }, []);
}
