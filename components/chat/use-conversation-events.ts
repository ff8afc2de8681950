"use client";

import type { ChatStatus } from "ai";
import { useEffect, useRef } from "react";
import { getConversation } from "@/app/actions/conversations";
import { mergeLatest, type ChatMessage } from "./types";

/**
 * Keeps this tab current with turns made elsewhere (another tab, device or instance): on a new turn
 * or a finished reply it merges the latest stored page and follows any reply still being generated.
 * While this tab runs its own turn, it waits and catches up afterwards.
 */
export function useConversationEvents(
  id: string,
  status: ChatStatus,
  setMessages: (update: (current: ChatMessage[]) => ChatMessage[]) => void,
  resumeStream: () => Promise<void>,
) {
  const busy = status === "submitted" || status === "streaming";
  const busyRef = useRef(busy);
  const missed = useRef(false);

  const catchUp = useRef(async () => {});
  catchUp.current = async () => {
    const page = await getConversation({ id, limit: 50 });
    if (!page.ok) return;
    setMessages((current) => mergeLatest(current, page.data.messages));
    const last = page.data.messages.at(-1);
    if (last?.role === "assistant" && last.status === "streaming") await resumeStream();
  };

  useEffect(() => {
    busyRef.current = busy;
    if (!busy && missed.current) {
      missed.current = false;
      void catchUp.current();
    }
  }, [busy]);

  useEffect(() => {
    const source = new EventSource(`/api/conversations/${id}/events`);
    source.onmessage = () => {
      if (busyRef.current) missed.current = true;
      else void catchUp.current();
    };
    return () => source.close();
  }, [id]);
}
