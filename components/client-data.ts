"use client";

import useSWR, { mutate } from "swr";
import { getConversation, listConversations } from "@/app/actions/conversations";
import { getIndexing, getMemory } from "@/app/actions/memory";
import { MESSAGE_PAGE_SIZE } from "@/lib/conversations/inputs";
import type { ConversationPage } from "@/lib/conversations/read";
import type { ActionResult } from "@/lib/http/action";

// Client data lives in SWR's cache, fetched through the server actions; these are its keys.
const LIST = "conversations";
const PAGE = "conversation";
const MEMORY = "memory";
const INDEXING = "indexing";
/** While messages wait for the sentence encoder, how often the count is asked again. */
const INDEXING_POLL_MS = 3_000;

/** An action's data, or its typed error thrown for SWR to keep. */
async function unwrap<T>(pending: Promise<ActionResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data;
}

/** The chat keeps itself current over its events stream: a page is fetched again only when the chat is opened again. */
const ON_OPEN = { revalidateOnFocus: false, revalidateOnReconnect: false } as const;

export const useConversationList = (ids: string[]) =>
  useSWR([LIST, ids], ([, known]) => unwrap(listConversations(known)), { keepPreviousData: true });

/** The latest page of a conversation: the start from which the chat keeps itself current. */
export const useLatestPage = (id: string) =>
  useSWR([PAGE, id], ([, conversation]) => unwrap(getConversation({ id: conversation, limit: MESSAGE_PAGE_SIZE })), ON_OPEN);

/** After the events stream was cut, or another branch became current: what happened meanwhile comes with the latest page. */
export const revalidatePage = (id: string) => mutate([PAGE, id]);

/** A page the server already sent (after switching versions), without fetching it again. */
export const setPage = (id: string, page: ConversationPage) => mutate([PAGE, id], page, { revalidate: false });

/** Memory as the panel shows it; a conversation with nothing stored yet answers NOT_FOUND, kept as a result. */
export const useMemoryView = (id: string) => useSWR([MEMORY, id], ([, conversation]) => getMemory({ id: conversation }));

/** Messages still waiting for the sentence encoder (after an import, many), asked again until none wait. */
export const useIndexing = (id: string) =>
  useSWR([INDEXING, id], ([, conversation]) => unwrap(getIndexing({ id: conversation })), {
    ...ON_OPEN,
    refreshInterval: (latest) => ((latest?.pending ?? 0) > 0 ? INDEXING_POLL_MS : 0),
  });

export function revalidateList(): Promise<unknown> {
  return mutate((key) => Array.isArray(key) && key[0] === LIST);
}

/** After a reply ends, here or elsewhere: titles, order and memory may have changed. */
export function revalidateAfterTurn(id: string): void {
  void revalidateList();
  void mutate([MEMORY, id]);
}

export const setMemoryView = (id: string, result: Awaited<ReturnType<typeof getMemory>>) =>
  mutate([MEMORY, id], result, { revalidate: false });
