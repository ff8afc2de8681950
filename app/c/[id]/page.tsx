import { connection } from "next/server";
import { ChatApp } from "@/components/chat-app";
import { chatModel } from "@/lib/ai/model";
import { env } from "@/lib/env";

/** A shared link: opens this conversation and makes it the browser's active one. */
export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  return <ChatApp routeId={id} offline={chatModel().kind === "offline"} maxChars={env().MESSAGE_MAX_CHARS} />;
}
