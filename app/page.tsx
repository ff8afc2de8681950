import { connection } from "next/server";
import { StorageStatus } from "@/components/storage-status";
import { countConversations } from "@/lib/conversations/count";

export default async function HomePage() {
  await connection();
  const conversations = await countConversations();
  return (
    <main>
      <h1>Memory Chat</h1>
      <StorageStatus conversations={conversations} />
    </main>
  );
}
