import { MessagesSquare } from "lucide-react";
import Link from "next/link";

/** The app's name, linking to a new chat: on pages outside a conversation, a way back in. */
export function AppBrand() {
  return (
    <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold">
      <MessagesSquare aria-hidden className="size-5 text-indigo-600 dark:text-indigo-400" />
      Memory Chat
    </Link>
  );
}
