"use client";

import { FileJson, FileText } from "lucide-react";
import { DropdownMenuItem } from "./ui/dropdown-menu";

/**
 * A conversation's two exports, as menu items: Markdown to read, and JSON, which the Import dialog
 * takes back with what memory holds and every message's date.
 */
export function ExportMenuItems({ conversationId }: { conversationId: string }) {
  const href = (format: "md" | "json") => `/api/conversations/${conversationId}/export?format=${format}`;
  return (
    <>
      <DropdownMenuItem asChild>
        <a href={href("md")}>
          <FileText aria-hidden className="size-4" />
          Export as Markdown
        </a>
      </DropdownMenuItem>
      <DropdownMenuItem asChild>
        <a href={href("json")}>
          <FileJson aria-hidden className="size-4" />
          Export as JSON (to import)
        </a>
      </DropdownMenuItem>
    </>
  );
}
