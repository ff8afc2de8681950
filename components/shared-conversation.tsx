"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { getSharedConversation } from "@/app/actions/share";
import type { SharedPage } from "@/lib/conversations/share";
import { AppBrand } from "./app-brand";
import { MessageList } from "./chat/message-list";
import { toChatMessage } from "./chat/types";
import { LocalTime } from "./local-time";
import { PageNotice } from "./page-notice";

/** A shared conversation, read-only: its messages up to the moment it was shared, and older pages on demand. */
export function SharedConversation({ token, initial, problem }: { token: string; initial: SharedPage | null; problem: string | null }) {
  const [page, setPage] = useState(initial);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const loadOlder = useCallback(async () => {
    if (!page?.hasMore || loadingOlder) return;
    setLoadingOlder(true);
    const result = await getSharedConversation({ token, before: page.messages[0]?.seq });
    if (result.ok) setPage({ ...result.data, messages: [...result.data.messages, ...page.messages] });
    setOlderError(result.ok ? null : result.error.message);
    setLoadingOlder(false);
  }, [page, loadingOlder, token]);
  const messages = useMemo(() => (page?.messages ?? []).map(toChatMessage), [page]);

  if (!page) {
    return (
      <PageNotice title="This shared link does not work">
        <p role="alert">{problem ?? "It was revoked, or the conversation was deleted."}</p>
      </PageNotice>
    );
  }
  return (
    <main className="flex h-dvh flex-col bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <header className="flex items-center gap-4 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <AppBrand />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold">{page.title ?? "Shared conversation"}</h1>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            A read-only copy, shared on <LocalTime iso={page.sharedAt} />. Later messages are not shown.
          </p>
        </div>
        <Link href="/" className="shrink-0 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Start your own chat
        </Link>
      </header>
      <MessageList
        messages={messages}
        hasMore={page.hasMore}
        loadingOlder={loadingOlder}
        olderError={olderError}
        onLoadOlder={loadOlder}
        waiting={false}
      />
    </main>
  );
}
