import "server-only";
import { randomBytes } from "node:crypto";
import { sharedAttachmentUrl } from "../attachments/attachment-view";
import { attachmentsByMessage } from "../attachments/attachments-by-message";
import { selectPathPage } from "../db/queries/message-queries";
import { deleteShareLink, selectSharedConversation, selectShareLink, upsertShareLink } from "../db/queries/share-queries";
import { AppError } from "../errors";
import { MAX_POSITION, MESSAGE_PAGE_MAX_BYTES } from "./inputs";
import { pageLength } from "./page-length";
import { type MessageView, toMessageView } from "./views";

export interface ShareLinkView {
  token: string;
  /** The last message the link shows. */
  throughSeq: number;
  sharedAt: string;
}

/** A conversation as its read-only link shows it: no id, nothing to write with. */
export interface SharedPage {
  title: string | null;
  sharedAt: string;
  /** Oldest first, none after the message it was shared at. */
  messages: MessageView[];
  hasMore: boolean;
}

const toLinkView = (row: { token: string; throughSeq: number; createdAt: Date }): ShareLinkView => ({
  token: row.token,
  throughSeq: row.throughSeq,
  sharedAt: row.createdAt.toISOString(),
});

/** Creates the conversation's read-only link, or moves the existing one (same token) to its last message. */
export async function shareConversation(id: string): Promise<ShareLinkView> {
  const row = await upsertShareLink(id, randomBytes(24).toString("base64url"));
  if (!row) throw new AppError("NOT_FOUND");
  return toLinkView(row);
}

export async function getShareLink(id: string): Promise<ShareLinkView | null> {
  const row = await selectShareLink(id);
  return row ? toLinkView(row) : null;
}

/** Whoever holds the link can no longer read; the conversation is untouched. */
export async function revokeShareLink(id: string): Promise<void> {
  await deleteShareLink(id);
}

/** A page of a shared conversation (at most MESSAGE_PAGE_MAX_BYTES of text), newest first by index, never past the message it was shared at. */
export async function getSharedPage(token: string, before: number | undefined, limit: number): Promise<SharedPage> {
  const shared = await selectSharedConversation(token);
  if (!shared) throw new AppError("SHARE_NOT_FOUND");
  const end = Math.min(before ?? MAX_POSITION, shared.throughSeq + 1);
  const path = { branches: shared.pathBranches, ends: shared.pathEnds };
  const rows = await selectPathPage(shared.conversationId, end, limit + 1, path, MESSAGE_PAGE_MAX_BYTES);
  const length = pageLength(rows, limit, MESSAGE_PAGE_MAX_BYTES);
  // Their files, served only through the link (never the conversation's own address, which names its id).
  const files = await attachmentsByMessage(
    rows
      .slice(0, length)
      .filter((row) => row.role === "user")
      .map((row) => row.id),
    (attachmentId) => sharedAttachmentUrl(token, attachmentId),
  );
  return {
    title: shared.title,
    sharedAt: shared.createdAt.toISOString(),
    messages: rows
      .slice(0, length)
      .reverse()
      .map((row) => {
        const attachments = files.get(row.id);
        return { ...toMessageView(row), ...(attachments && { attachments }) };
      }),
    hasMore: rows.length > length,
  };
}
