import "server-only";
import { linkAttachments, selectMessageAttachments, selectUnsent } from "../db/queries/attachment-queries";
import { AppError } from "../errors";
import { attachedOnlyText, type NotedAttachment, withAttachmentNote } from "./attachment-note";

/**
 * The files a turn's message brings (uploaded to its conversation and not yet sent), in the order
 * given; refused when there are more than `max`, or one is not there (removed, another
 * conversation's, already sent, or swept).
 */
export async function attachmentsForTurn(conversationId: string, ids: string[], max: number): Promise<NotedAttachment[]> {
  if (ids.length === 0) return [];
  if (ids.length > max) throw new AppError("TOO_MANY_ATTACHMENTS", `A message can carry at most ${max} files; this one has ${ids.length}.`);
  const found = await selectUnsent(conversationId, ids);
  if (found.length !== ids.length)
    throw new AppError("ATTACHMENT_NOT_FOUND", "A file attached to this message was removed or expired. Attach it again.");
  return found;
}

/** A message's text, or, when it has none, what was attached. */
export function turnText(text: string, files: NotedAttachment[]): string {
  return text.trim() === "" && files.length > 0 ? attachedOnlyText(files.map((file) => file.name)) : text;
}

/** The files go with the user message just stored. */
export async function attachToMessage(conversationId: string, ids: string[], messageId: string): Promise<void> {
  if (ids.length > 0) await linkAttachments(conversationId, ids, messageId);
}

/** The user message as the model reads it: its text, and a note of the files sent with it (a Retry's too). */
export async function promptMessageText(messageId: string, text: string): Promise<string> {
  return withAttachmentNote(text, await selectMessageAttachments([messageId]));
}
