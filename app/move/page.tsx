import type { Metadata } from "next";
import { MoveHere } from "@/components/memory/move-here";

export const metadata: Metadata = { title: "Move here · Memory Chat" };

/** Opening a move link: the chats and memory in its fragment join this browser, once the user says so. */
export default function MovePage() {
  return <MoveHere />;
}
