import type { Metadata } from "next";
import { connection } from "next/server";
import { getSharedConversation } from "@/app/actions/share";
import { SharedConversation } from "@/components/shared-conversation";

export const metadata: Metadata = {
  title: "Shared conversation · Memory Chat",
  // A link is shared with some people, not with search engines.
  robots: { index: false, follow: false },
};

/** A read-only copy of a conversation: no composer, no memory, no delete, and not its id. */
export default async function SharedPageRoute({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const result = await getSharedConversation({ token });
  return <SharedConversation token={token} initial={result.ok ? result.data : null} />;
}
