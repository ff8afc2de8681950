import type { Metadata } from "next";
import { connection } from "next/server";
import { getSharedConversation } from "@/app/actions/share";
import { SharedConversation } from "@/components/shared-conversation";
import type { ErrorCode } from "@/lib/errors";

export const metadata: Metadata = {
  title: "Shared conversation · Memory Chat",
  // A link is shared with some people, not with search engines.
  robots: { index: false, follow: false },
};

/** What a revoked, deleted or mistyped link gets: "This link does not work". */
const BROKEN_LINK = new Set<ErrorCode>(["SHARE_NOT_FOUND", "BAD_REQUEST"]);

/** A read-only copy of a conversation: no composer, no memory, no delete, and not its id. */
export default async function SharedPageRoute({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const result = await getSharedConversation({ token });
  // A link that does not work says so; any other failure (a refusal over the limit, say) says what it is.
  const problem = result.ok || BROKEN_LINK.has(result.error.code) ? null : result.error.message;
  return <SharedConversation token={token} initial={result.ok ? result.data : null} problem={problem} />;
}
