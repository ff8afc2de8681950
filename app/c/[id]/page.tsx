import { connection } from "next/server";
import { ChatApp } from "@/components/chat-app";
import { chatModel } from "@/lib/ai/model";
import { offeredModels } from "@/lib/ai/offered-models";
import { env } from "@/lib/env";

/** A conversation's own address: the app reads the id from the URL. */
export default async function ConversationPage() {
  await connection();
  return (
    <ChatApp
      offline={chatModel().kind === "offline"}
      limits={{ maxChars: env().MESSAGE_MAX_CHARS, maxFiles: env().ATTACHMENTS_PER_MESSAGE, maxFileBytes: env().ATTACHMENT_MAX_BYTES }}
      models={await offeredModels()}
    />
  );
}
