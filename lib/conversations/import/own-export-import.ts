import { z } from "zod";
import { safeFileName } from "../../attachments/file-name";
import { MAX_FACT_CHARS, MAX_FACTS, preferenceKeySchema, preferenceValueSchema } from "../../memory/bounds";
import { oneLine } from "../../text/one-line";
import { isStorableText, TITLE_MAX_CHARS } from "../inputs";
import type { ImportedConversation } from "./imported-conversation";
import { importDateSchema } from "./transcript-import";

/** Files one message of an export may list: more than ATTACHMENTS_PER_MESSAGE allows, which the archive import checks. */
const MAX_IMPORTED_FILES = 100;

/**
 * This app's JSON export (GET /api/conversations/<id>/export?format=json). Messages keep their
 * status, so a failed or stopped reply comes back as it was; memory's preferences and facts are
 * restored as exported, the summary and window are rebuilt from the messages. Its messages are
 * checked apart, a slice at a time (ownExportMessageSchema).
 */
export const ownExportSchema = z.looseObject({
  conversation: z.looseObject({ title: z.string().max(TITLE_MAX_CHARS).refine(isStorableText, "must be valid text").nullable() }),
  messages: z.array(z.unknown()).min(1, "must hold at least one message"),
  memory: z.looseObject({
    preferences: z.record(preferenceKeySchema, preferenceValueSchema),
    facts: z.array(z.string().max(MAX_FACT_CHARS).refine(isStorableText, "must be valid text").overwrite(oneLine)).max(MAX_FACTS),
  }),
});

/** A message's file as the export lists it: in a zip export, `file` is where its bytes are. */
const exportedFileSchema = z.looseObject({
  name: z.string().max(1_000),
  file: z.string().max(1_000).optional(),
});

export const ownExportMessageSchema = z.looseObject({
  role: z.enum(["user", "assistant", "system"]),
  content: z.string().refine(isStorableText, "must be valid text without NUL characters"),
  status: z.enum(["streaming", "complete", "stopped", "interrupted", "failed"]),
  createdAt: importDateSchema,
  attachments: z.array(exportedFileSchema).max(MAX_IMPORTED_FILES).optional(),
});

export function fromOwnExport(
  data: Pick<z.output<typeof ownExportSchema>, "conversation" | "memory"> & { messages: z.output<typeof ownExportMessageSchema>[] },
): ImportedConversation {
  return {
    title: data.conversation.title,
    messages: data.messages
      // System messages are not part of a turn; a reply still streaming when exported was cut there.
      .filter((message) => message.role !== "system")
      .map((message) => {
        // Files come with a zip export's messages, those it holds the bytes of; a JSON export lists them only.
        const files = message.role === "user" ? (message.attachments ?? []).flatMap((file) => (file.file ? [file] : [])) : [];
        return {
          role: message.role === "user" ? "user" : "assistant",
          content: message.content,
          createdAt: message.createdAt,
          status: message.status === "streaming" ? "interrupted" : message.status,
          ...(files.length > 0 && { files: files.map((file) => ({ name: safeFileName(file.name), path: file.file ?? "" })) }),
        };
      }),
    restored: { preferences: data.memory.preferences, facts: data.memory.facts },
  };
}
