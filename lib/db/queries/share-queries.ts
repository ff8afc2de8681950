import "server-only";
import { pool } from "../client";

export interface ShareLinkRow {
  token: string;
  throughSeq: number;
  createdAt: Date;
}

/** What a read-only link opens: never the conversation's id, which is the key to write. */
export interface SharedConversationRow {
  conversationId: string;
  title: string | null;
  throughSeq: number;
  /** The branch it shows. */
  pathBranches: number[];
  pathEnds: number[];
  createdAt: Date;
}

/**
 * Shares the conversation's current branch up to its last message: a new link with token $2, or the
 * existing link (same token) moved to it. No row when the conversation does not exist.
 */
export const UPSERT_SHARE_LINK = `
  INSERT INTO "ShareLink" ("token", "conversationId", "throughSeq", "pathBranches", "pathEnds")
  SELECT $2, "id", "lastSeq", "pathBranches", "pathEnds" FROM "Conversation" WHERE "id" = $1::uuid
  ON CONFLICT ("conversationId") DO UPDATE SET "throughSeq" = EXCLUDED."throughSeq", "pathBranches" = EXCLUDED."pathBranches",
    "pathEnds" = EXCLUDED."pathEnds", "createdAt" = CURRENT_TIMESTAMP
  RETURNING "token", "throughSeq", "createdAt"`;

export const SELECT_SHARE_LINK = `SELECT "token", "throughSeq", "createdAt" FROM "ShareLink" WHERE "conversationId" = $1::uuid`;

export const DELETE_SHARE_LINK = `DELETE FROM "ShareLink" WHERE "conversationId" = $1::uuid`;

export const SELECT_SHARED_CONVERSATION = `
  SELECT s."conversationId", c."title", s."throughSeq", s."pathBranches", s."pathEnds", s."createdAt"
  FROM "ShareLink" s JOIN "Conversation" c ON c."id" = s."conversationId"
  WHERE s."token" = $1`;

export async function upsertShareLink(conversationId: string, token: string): Promise<ShareLinkRow | undefined> {
  const { rows } = await pool().query<ShareLinkRow>({
    name: "upsert_share_link",
    text: UPSERT_SHARE_LINK,
    values: [conversationId, token],
  });
  return rows[0];
}

export async function selectShareLink(conversationId: string): Promise<ShareLinkRow | undefined> {
  const { rows } = await pool().query<ShareLinkRow>({ name: "select_share_link", text: SELECT_SHARE_LINK, values: [conversationId] });
  return rows[0];
}

export async function deleteShareLink(conversationId: string): Promise<void> {
  await pool().query({ name: "delete_share_link", text: DELETE_SHARE_LINK, values: [conversationId] });
}

export async function selectSharedConversation(token: string): Promise<SharedConversationRow | undefined> {
  const { rows } = await pool().query<SharedConversationRow>({
    name: "select_shared_conversation",
    text: SELECT_SHARED_CONVERSATION,
    values: [token],
  });
  return rows[0];
}
