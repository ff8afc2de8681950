import { connection } from "next/server";
import { ChatApp } from "@/components/chat-app";
import { chatModel } from "@/lib/ai/model";
import { offeredModels } from "@/lib/ai/offered-models";
import { env } from "@/lib/env";

export default async function HomePage() {
  await connection();
  return <ChatApp offline={chatModel().kind === "offline"} maxChars={env().MESSAGE_MAX_CHARS} models={await offeredModels()} />;
}
