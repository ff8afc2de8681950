import "server-only";
import { db } from "../db/client";

export async function countConversations(): Promise<number> {
  return db().conversation.count();
}
