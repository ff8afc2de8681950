import "server-only";
import { selectMessageAttachments } from "../db/queries/attachment-queries";
import type { AttachmentView } from "./attachment-view";

/** The files of messages `ids`, by message, each with its address from `urlOf` (its conversation's, or a share link's). */
export async function attachmentsByMessage(ids: string[], urlOf: (attachmentId: string) => string): Promise<Map<string, AttachmentView[]>> {
  const byMessage = new Map<string, AttachmentView[]>();
  for (const { messageId, ...attachment } of await selectMessageAttachments(ids)) {
    byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), { ...attachment, url: urlOf(attachment.id) }]);
  }
  return byMessage;
}
