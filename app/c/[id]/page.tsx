import { connection } from "next/server";
import { ChatApp } from "@/components/chat-app";
import { chatAppProps } from "../../chat-app-props";

/** A conversation's own address: the app reads the id from the URL. */
export default async function ConversationPage() {
  await connection();
  return <ChatApp {...(await chatAppProps())} />;
}
