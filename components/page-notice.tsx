import { SquarePen } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { AppBrand } from "./app-brand";

/** A page with nothing to show (not found, a dead share link): what happened, and a way to start a chat. */
export function PageNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex h-dvh flex-col bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <header className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <AppBrand />
      </header>
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="max-w-md text-zinc-600 dark:text-zinc-400">{children}</div>
        <Link
          href="/"
          className="mt-2 flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          <SquarePen aria-hidden className="size-4" />
          Start a new chat
        </Link>
      </div>
    </main>
  );
}
