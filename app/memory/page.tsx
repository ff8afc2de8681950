import type { Metadata } from "next";
import { SavedMemoriesPage } from "@/components/memory/saved-memories-page";

export const metadata: Metadata = { title: "Memory · Memory Chat" };

/** The Memory page: what the assistant knows about the user across their conversations, editable. */
export default function MemoryPage() {
  return <SavedMemoriesPage />;
}
