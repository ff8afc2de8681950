"use client";

import { FileArchive, FileJson, FileText } from "lucide-react";
import { DropdownMenuItem } from "./ui/dropdown-menu";

/**
 * A conversation's exports, as menu items: Markdown to read; JSON, which the Import dialog takes back
 * with what memory holds and every message's date; and a zip of that JSON with the files sent.
 */
export function ExportMenuItems({ conversationId }: { conversationId: string }) {
  const href = (format: "md" | "json" | "zip") => `/api/conversations/${conversationId}/export?format=${format}`;
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
      <DropdownMenuItem asChild>
        <a href={href("zip")}>
          <FileArchive aria-hidden className="size-4" />
          Export with files (.zip)
        </a>
      </DropdownMenuItem>
    </>
  );
}
