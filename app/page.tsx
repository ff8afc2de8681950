import { connection } from "next/server";
import { ChatApp } from "@/components/chat-app";
import { chatAppProps } from "./chat-app-props";

export default async function HomePage() {
  await connection();
  return <ChatApp {...(await chatAppProps())} />;
}
