"use client";

import type { ChatStatus } from "ai";
import { useEffect, useRef } from "react";
import { getConversation } from "@/app/actions/conversations";
import { mergeLatest, type ChatMessage } from "./types";

/** While a reply made elsewhere is still being written, this tab refreshes it this often. */
const FOLLOW_MS = 700;

/**
 * Keeps this tab current with turns made elsewhere (another tab, device or instance): on a new turn or
 * a finished reply it merges the latest stored page, and refreshes while a reply is still being
 * written. It never takes over the tab's own chat, so the user can always send; while this tab runs
 * its own turn, it waits and catches up afterwards.
 */
export function useConversationEvents(
  id: string,
  status: ChatStatus,
  setMessages: (update: (current: ChatMessage[]) => ChatMessage[]) => void,
) {
  const busy = status === "submitted" || status === "streaming";
  const busyRef = useRef(busy);
  const missed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const catchUp = useRef(async () => {});
  catchUp.current = async () => {
    clearTimeout(timer.current);
    if (busyRef.current) {
      missed.current = true;
      return;
    }
    const page = await getConversation({ id, limit: 50 });
    if (!page.ok || busyRef.current) return;
    setMessages((current) => mergeLatest(current, page.data.messages));
    if (page.data.messages.some((message) => message.status === "streaming")) {
      timer.current = setTimeout(() => void catchUp.current(), FOLLOW_MS);
    }
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
    source.onmessage = () => void catchUp.current();
    return () => {
      source.close();
      clearTimeout(timer.current);
    };
  }, [id]);
}
