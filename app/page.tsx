import { connection } from "next/server";
import { ChatApp } from "@/components/chat-app";
import { chatModel } from "@/lib/ai/model";
import { env } from "@/lib/env";

export default async function HomePage() {
  await connection();
  return <ChatApp offline={chatModel().kind === "offline"} maxChars={env().MESSAGE_MAX_CHARS} />;
}
