import "server-only";
import type { ComponentProps } from "react";
import type { ChatApp } from "@/components/chat-app";
import { chatModel } from "@/lib/ai/model";
import { offeredModels } from "@/lib/ai/offered-models";
import { imageModels } from "@/lib/ai/vision-models";
import { env } from "@/lib/env";

/** What the app's pages give it from the server: the model, the composer's limits, and the models offered. */
export async function chatAppProps(): Promise<ComponentProps<typeof ChatApp>> {
  const config = env();
  return {
    offline: chatModel().kind === "offline",
    limits: { maxChars: config.MESSAGE_MAX_CHARS, maxFiles: config.ATTACHMENTS_PER_MESSAGE, maxFileBytes: config.ATTACHMENT_MAX_BYTES },
    models: await offeredModels(),
    imageModels: await imageModels(),
  };
}
