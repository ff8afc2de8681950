import "server-only";
import { pool } from "../client";
import type { MessageRole, MessageStatus } from "../generated/enums";
import type { Queryable } from "../transaction";
import { onPath } from "./branch-queries";
import { notifyFlush, notifyMessage } from "./event-queries";

// Every statement that writes a Message row lives here, so every change of a message's status does.
// The turn's statements are sent by name: each connection parses and plans them once.

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  /** The branch it belongs to (0 until the conversation branches). */
  branch: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A message read by id, and whether it is on the conversation's current branch now. */
export interface FollowedMessageRow extends MessageRow {
  onPath: boolean;
  /** The instance generating it while it streams: its flush events say when to read it again. */
  generator: string | null;
}

/** A message of a page, with the branch the page is of (read in the same statement, so they agree). */
export interface PageMessageRow extends MessageRow, PageBytes {
  currentBranch: number;
}

/** What starting a turn reads back from the conversation row it locked. */
export interface TurnStartRow {
  lastSeq: number;
  memoryBuffer: unknown;
  memoryVersion: number;
  /** The conversation's model, NULL for the server's default. */
  model: string | null;
  /** The branch the turn was stored on, and its path. */
  branch: number;
  pathBranches: number[];
  pathEnds: number[];
  /** The browser memory the conversation feeds (memory across chats), if any. */
  memoryId: string | null;
  /** Another browser's memory has written here (someone holds its link): its owner's memory across chats stays out of it. */
  othersWrote: boolean;
  /** When the turn's user message was stored (a new one: INSERT_TURN only). */
  userCreatedAt?: Date;
}

const messageColumns = (m: string) =>
  ["id", "conversationId", "seq", "role", "content", "status", "branch", "createdAt", "updatedAt"].map((c) => `${m}."${c}"`).join(", ");
const MESSAGE_COLUMNS = messageColumns(`"Message"`);

/** A reply that has not been touched for this long belongs to an instance that died. */
const STALE = `"updatedAt" < CURRENT_TIMESTAMP - make_interval(secs => $2)`;

/**
 * Stores the user message and an empty streaming reply after it, creating the conversation if
 * needed (titled provisionally). The conversation's row lock hands out positions, so concurrent
 * turns get consecutive ones in arrival order.
 * $1 conversation, $2 provisional title, $3 user message id, $4 its text, $5 reply id, $6 generating instance,
 * $7 the client that asked (kept while the reply streams, for the live-reply limits), $8 whether the id
 * may start a conversation (a random version-4 UUID): otherwise, or when a conversation with this id
 * was deleted, only an existing one goes on, and no row comes back; $9 the model asked for, which
 * becomes the conversation's (NULL keeps its own); $10 the browser's memory (memory across chats), which a
 * new conversation feeds from then on, unless $11 makes it a temporary chat (no memory, deleted after 24
 * hours unless kept) or $12 is false (memory across chats switched off: the memory id only says who
 * writes). A turn from another memory, or from none, in a conversation that has an owner marks it
 * as written by others. Both messages go on the conversation's current branch; the user
 * message keeps memory as the turn found it (JSON null for none yet), for an edit to start from, and
 * feeds memory across chats only when sent from the memory the conversation feeds.
 */
export const INSERT_TURN = `
  WITH conversation AS (
    INSERT INTO "Conversation" ("id", "lastSeq", "title", "model", "memoryId", "expiresAt")
    SELECT $1::uuid, 2, $2, $9, CASE WHEN $11::boolean OR NOT $12::boolean THEN NULL ELSE $10::uuid END,
      CASE WHEN $11::boolean THEN CURRENT_TIMESTAMP + interval '24 hours' END
    WHERE ($8::boolean AND NOT EXISTS (SELECT 1 FROM "DeletedConversation" WHERE "id" = $1::uuid))
      OR EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = $1::uuid)
    ON CONFLICT ("id") DO UPDATE SET "lastSeq" = "Conversation"."lastSeq" + 2, "updatedAt" = CURRENT_TIMESTAMP,
      "title" = COALESCE("Conversation"."title", EXCLUDED."title"),
      "model" = COALESCE(EXCLUDED."model", "Conversation"."model"),
      "othersWrote" = "Conversation"."othersWrote" OR ("Conversation"."memoryId" IS NOT NULL AND $10::uuid IS DISTINCT FROM "Conversation"."memoryId")
    RETURNING "id", "lastSeq", "memoryBuffer", "memoryVersion", "model", "branch", "pathBranches", "pathEnds", "memoryId", "othersWrote"
  ), added AS (
    INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "generator", "client", "branch", "memoryBefore", "feedsMemory")
    SELECT $3::uuid, "id", "lastSeq" - 1, 'user'::"MessageRole", $4, 'complete'::"MessageStatus", NULL, NULL, "branch",
      COALESCE("memoryBuffer", 'null'::jsonb), $12::boolean AND COALESCE("memoryId" = $10::uuid, false)
    FROM conversation
    UNION ALL
    SELECT $5::uuid, "id", "lastSeq", 'assistant'::"MessageRole", '', 'streaming'::"MessageStatus", $6, $7, "branch", NULL, true FROM conversation
    RETURNING "id", "conversationId", "createdAt"
  )
  SELECT "lastSeq", "memoryBuffer", "memoryVersion", "model", "branch", "pathBranches", "pathEnds", "memoryId", "othersWrote",
    (SELECT "createdAt" FROM added WHERE "id" = $3::uuid) AS "userCreatedAt",
    (SELECT count(*) FROM added CROSS JOIN LATERAL ${notifyMessage("turn", "added")} AS notified)::int AS "notified"
  FROM conversation`;

/**
 * The same user message ($6) sent again (a Retry): only a new streaming reply is added after the last
 * position; no row when that message is not on the current branch (another tab showed another version).
 * $1 conversation, $2 reply id, $3 generating instance, $4 client, $5 the model asked for (NULL keeps the conversation's),
 * $7 the browser memory it comes from (another one, or none, marks the conversation as written by others).
 */
export const INSERT_RETRY_REPLY = `
  WITH conversation AS (
    UPDATE "Conversation" c SET "lastSeq" = "lastSeq" + 1, "updatedAt" = CURRENT_TIMESTAMP, "model" = COALESCE($5, "model"),
      "othersWrote" = "othersWrote" OR ("memoryId" IS NOT NULL AND $7::uuid IS DISTINCT FROM "memoryId")
    WHERE c."id" = $1::uuid AND EXISTS (SELECT 1 FROM "Message" u WHERE u."id" = $6::uuid AND ${onPath("u", "c")})
    RETURNING "id", "lastSeq", "memoryBuffer", "memoryVersion", "model", "branch", "pathBranches", "pathEnds", "memoryId", "othersWrote"
  ), added AS (
    INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "generator", "client", "branch")
    SELECT $2::uuid, "id", "lastSeq", 'assistant'::"MessageRole", '', 'streaming'::"MessageStatus", $3, $4, "branch" FROM conversation
    RETURNING "id", "conversationId"
  )
  SELECT "lastSeq", "memoryBuffer", "memoryVersion", "model", "branch", "pathBranches", "pathEnds", "memoryId", "othersWrote",
    (SELECT count(*) FROM added CROSS JOIN LATERAL ${notifyMessage("turn", "added")} AS notified)::int AS "notified"
  FROM conversation`;

/**
 * The streaming replies matching `where`, locked in id order: every statement that writes several
 * replies (a flush tick, Stop, the interruptions) takes their locks in that order, so none deadlock.
 */
const lockStreaming = (where: string) => `SELECT "id" FROM "Message" WHERE "status" = 'streaming' AND ${where} ORDER BY "id" FOR UPDATE`;

/**
 * One flush tick of every reply this instance generates. $1 is JSON `[{id, at, text}]`: each reply's
 * text since its last flush, written at position `at` (in characters, so text written twice is there
 * once) while it is still streaming; an empty text only says it is alive. Returns the replies still
 * streaming, and announces the growth once, naming instance $2, whatever the number of replies.
 */
export const APPEND_REPLY_TEXTS = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS i("id" uuid, "at" int, "text" text)
  ), locked AS (${lockStreaming(`"id" IN (SELECT "id" FROM input)`)}
  ), written AS (
    UPDATE "Message" m
    SET "content" = CASE WHEN i."text" = '' THEN m."content" ELSE left(m."content", i."at") || i."text" END,
      "updatedAt" = CURRENT_TIMESTAMP
    FROM input i, locked l
    WHERE m."id" = i."id" AND l."id" = m."id" AND m."status" = 'streaming'
    RETURNING m."id", i."text" <> '' AS "grew"
  )
  SELECT "id", (SELECT count(*) FROM (SELECT 1 WHERE EXISTS (SELECT 1 FROM written WHERE "grew")) g
    CROSS JOIN LATERAL ${notifyFlush("$2::text")} AS notified)::int AS "notified"
  FROM written`;

/**
 * The end of a turn: the reply's final text and status, and the new memory, in one statement,
 * only if no other turn changed memory since this one began ($3). Nothing is written otherwise.
 * $1 memory JSON, $2 conversation, $3 memory version, $4 reply text, $5 status, $6 reply id.
 */
export const FINISH_TURN = `
  WITH memory AS (
    UPDATE "Conversation" SET "memoryBuffer" = $1::jsonb, "memoryVersion" = "memoryVersion" + 1
    WHERE "id" = $2::uuid AND "memoryVersion" = $3
    RETURNING "id"
  ), reply AS (
    UPDATE "Message" SET "content" = $4, "status" = $5::"MessageStatus", "generator" = NULL, "client" = NULL, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = $6::uuid AND EXISTS (SELECT 1 FROM memory)
    RETURNING "id", "conversationId"
  )
  SELECT (SELECT count(*) FROM memory)::int AS "written",
    (SELECT count(*) FROM reply CROSS JOIN LATERAL ${notifyMessage("end", "reply")} AS notified)::int AS "notified"`;

/** A reply's final text and status, without touching memory. $1 text, $2 status, $3 reply id. */
export const END_REPLY = `
  WITH reply AS (
    UPDATE "Message" SET "content" = $1, "status" = $2::"MessageStatus", "generator" = NULL, "client" = NULL, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = $3::uuid
    RETURNING "id", "conversationId"
  )
  SELECT ${notifyMessage("end", "reply")} FROM reply`;

/**
 * Stop, from any instance: the database says so at once, and the generating instance hears it.
 * $1 conversation, $2 the reply to stop (NULL: every reply streaming there).
 */
export const STOP_REPLIES = `
  WITH target AS (${lockStreaming(`"conversationId" = $1::uuid AND "role" = 'assistant' AND ($2::uuid IS NULL OR "id" = $2::uuid)`)}),
  stopped AS (
    UPDATE "Message" SET "status" = 'stopped', "client" = NULL, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" IN (SELECT "id" FROM target) AND "status" = 'streaming'
    RETURNING "id", "conversationId"
  )
  SELECT "id", ${notifyMessage("stop", "stopped")} FROM stopped`;

/** Replies of this conversation left streaming by an instance that died: interrupted, their text so far kept. */
export const INTERRUPT_STALE_REPLIES = `
  WITH target AS (${lockStreaming(`"conversationId" = $1::uuid AND ${STALE}`)}),
  interrupted AS (
    UPDATE "Message" SET "status" = 'interrupted', "generator" = NULL, "client" = NULL
    WHERE "id" IN (SELECT "id" FROM target) AND "status" = 'streaming'
    RETURNING "id", "conversationId"
  )
  SELECT ${notifyMessage("end", "interrupted")} FROM interrupted`;

/**
 * At start-up: this instance's own unfinished replies, and anyone's stale ones; and every little
 * while, only the stale ones ($1 NULL). $1 instance, $2 seconds.
 */
export const INTERRUPT_ORPHANED_REPLIES = `
  WITH target AS (${lockStreaming(`("generator" = $1 OR ${STALE})`)}),
  interrupted AS (
    UPDATE "Message" SET "status" = 'interrupted', "generator" = NULL, "client" = NULL
    WHERE "id" IN (SELECT "id" FROM target) AND "status" = 'streaming'
    RETURNING "id", "conversationId"
  )
  SELECT ${notifyMessage("end", "interrupted")} FROM interrupted`;

/** A message by id, and for a user message whether it feeds memory across chats (a Retry keeps what it was). */
export const SELECT_MESSAGE = `SELECT ${MESSAGE_COLUMNS}, "feedsMemory" FROM "Message" WHERE "id" = $1::uuid`;

/** Messages by id, each saying whether it is on its conversation's current branch (other tabs are shown only those). */
export const SELECT_MESSAGES_BY_ID = `
  SELECT ${messageColumns("m")}, COALESCE(${onPath("m", "c")}, false) AS "onPath", m."generator"
  FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
  WHERE m."id" = ANY($1::uuid[]) ORDER BY m."seq"`;

/**
 * A page as the browser is sent it: at most $3 messages, newest first, cut once they add up to more
 * than $N bytes (octet_length reads no text). The first message past the cut still comes, as the page
 * counts versions from the parent of its oldest and tells whether there is more.
 */
const pageWithin = (columns: string, fromWhere: string, budget: string) => `
  SELECT * FROM (
    SELECT ${columns}, row_number() OVER w AS "rank", (sum(octet_length(m."content")) OVER w)::float8 AS "bytesThrough",
      octet_length(m."content") AS "bytes"
    ${fromWhere}
    WINDOW w AS (ORDER BY m."seq" DESC ROWS UNBOUNDED PRECEDING)
    ORDER BY m."seq" DESC LIMIT $3
  ) page WHERE "rank" <= 2 OR "bytesThrough" - "bytes" <= ${budget} ORDER BY "seq" DESC`;

/** Bytes a page's messages reach from its newest down to this one: where it is cut. */
export interface PageBytes {
  bytesThrough: number;
}

/**
 * One page of the current branch, newest first through the (conversationId, seq) index, so its cost
 * does not grow with the conversation (only with other branches' messages among the page's). $4 bytes.
 */
export const SELECT_MESSAGE_PAGE = pageWithin(
  `${messageColumns("m")}, c."branch" AS "currentBranch"`,
  `FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c."id"
    WHERE c."id" = $1::uuid AND m."seq" < $2 AND ${onPath("m", "c")}`,
  "$4",
);

/** One page of the branch with path ($4, $5), newest first: what a read-only link shows. $6 bytes. */
export const SELECT_PATH_PAGE = pageWithin(
  messageColumns("m"),
  `FROM "Message" m, (SELECT $4::int[] AS "pathBranches", $5::int[] AS "pathEnds") p
    WHERE m."conversationId" = $1::uuid AND m."seq" < $2 AND ${onPath("m", "p")}`,
  "$6",
);

/**
 * A batch of the messages of path ($5, $6) after position $2, up to $3, oldest first: an export reads
 * a branch this way, with the path it began with.
 */
/**
 * A batch of an export: the messages of the path $5/$6 after position $2 through $3, at most $4 of
 * them, and after the first only those that begin within $7 bytes of text (`octet_length` reads no
 * text): a batch of 200 imported messages could otherwise be 20 MB. Only the batch's text is read.
 */
export const SELECT_MESSAGES_AFTER = `
  WITH sized AS (
    SELECT m."seq", sum(octet_length(m."content")) OVER (ORDER BY m."seq") - octet_length(m."content") AS "before"
    FROM "Message" m, (SELECT $5::int[] AS "pathBranches", $6::int[] AS "pathEnds") p
    WHERE m."conversationId" = $1::uuid AND m."seq" > $2 AND m."seq" <= $3 AND ${onPath("m", "p")}
    ORDER BY m."seq" LIMIT $4
  )
  SELECT ${messageColumns("m")} FROM sized s JOIN "Message" m ON m."conversationId" = $1::uuid AND m."seq" = s."seq"
  WHERE s."before" < $7
  ORDER BY m."seq"`;

/** An unseen message (none: null), and whether newer ones were left out for the budget. */
export interface UnseenMessageRow {
  id: string | null;
  seq: number | null;
  truncated: boolean;
}

/**
 * What a follower that knows the current branch up to position $2 has not seen: its newer messages,
 * if they are at most 200 and $3 bytes (`octet_length` reads no text), and replies still streaming.
 * A tab further behind gets only the replies still streaming, and `truncated`: it reloads its latest
 * page instead, where some of the newer messages would leave a gap before that page.
 */
export const SELECT_UNSEEN_MESSAGE_IDS = `
  WITH newer AS (
    SELECT m."id", m."seq", sum(octet_length(m."content")) OVER (ORDER BY m."seq") AS "upTo"
    FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c."id"
    WHERE c."id" = $1::uuid AND m."seq" > $2 AND ${onPath("m", "c")} ORDER BY m."seq" LIMIT 201
  ), cut AS (
    SELECT count(*) > 200 OR coalesce(max("upTo") > $3, false) AS "truncated" FROM newer
  )
  SELECT u."id", u."seq", cut."truncated" FROM (
    (SELECT "id", "seq" FROM newer, cut WHERE NOT cut."truncated")
    UNION
    (SELECT m."id", m."seq" FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c."id"
     WHERE c."id" = $1::uuid AND m."status" = 'streaming' AND ${onPath("m", "c")})
  ) u RIGHT JOIN cut ON true
  ORDER BY u."seq"`;

/** The reply being written on the current branch, which a reload resumes. */
export const SELECT_STREAMING_REPLY = `
  SELECT ${messageColumns("m")} FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c."id"
  WHERE c."id" = $1::uuid AND m."role" = 'assistant' AND m."status" = 'streaming' AND ${onPath("m", "c")}
  ORDER BY m."seq" DESC LIMIT 1`;

export async function insertTurn(
  values: {
    conversationId: string;
    provisionalTitle: string;
    userMessageId: string;
    text: string;
    replyId: string;
    generator: string;
    client: string;
    mayCreate: boolean;
    /** The model asked for with this turn, which becomes the conversation's; null keeps its own. */
    model: string | null;
    /** The browser's memory, when memory across chats is on. */
    memoryId: string | null;
    /** A new conversation starts as a temporary chat. */
    temporary?: boolean;
    /** False: memory across chats is switched off for this turn. */
    acrossChats?: boolean;
  },
  db: Queryable = pool(),
): Promise<TurnStartRow | undefined> {
  const { rows } = await db.query<TurnStartRow>({
    name: "insert_turn",
    text: INSERT_TURN,
    values: [
      values.conversationId,
      values.provisionalTitle,
      values.userMessageId,
      values.text,
      values.replyId,
      values.generator,
      values.client,
      values.mayCreate,
      values.model,
      values.memoryId,
      values.temporary === true,
      values.acrossChats !== false,
    ],
  });
  return rows[0];
}

export async function insertRetryReply(
  conversationId: string,
  userMessageId: string,
  replyId: string,
  generator: string,
  client: string,
  model: string | null,
  memoryId: string | null,
  db: Queryable = pool(),
): Promise<TurnStartRow | undefined> {
  const { rows } = await db.query<TurnStartRow>({
    name: "insert_retry_reply",
    text: INSERT_RETRY_REPLY,
    values: [conversationId, replyId, generator, client, model, userMessageId, memoryId],
  });
  return rows[0];
}

/** What one reply writes at a flush tick: its text since the last one, at position `at` in characters. */
export interface ReplyFlush {
  id: string;
  at: number;
  text: string;
}

/** The ids of the replies still streaming: any other was stopped, on this instance or another. */
export async function appendReplyTexts(instance: string, flushes: ReplyFlush[]): Promise<Set<string>> {
  const { rows } = await pool().query<{ id: string }>({
    name: "append_reply_texts",
    text: APPEND_REPLY_TEXTS,
    values: [JSON.stringify(flushes), instance],
  });
  return new Set(rows.map((row) => row.id));
}

/** True when the reply and memory were written; false when memory moved on and nothing was. */
export async function finishTurnIfUnchanged(values: {
  memoryJson: string;
  conversationId: string;
  memoryVersion: number;
  text: string;
  status: MessageStatus;
  replyId: string;
}): Promise<boolean> {
  const { rows } = await pool().query<{ written: number }>({
    name: "finish_turn",
    text: FINISH_TURN,
    values: [values.memoryJson, values.conversationId, values.memoryVersion, values.text, values.status, values.replyId],
  });
  return rows[0].written === 1;
}

export async function endReply(replyId: string, text: string, status: MessageStatus, db: Queryable = pool()): Promise<void> {
  await db.query({ name: "end_reply", text: END_REPLY, values: [text, status, replyId] });
}

/** The ids of the replies that were streaming and are now stopped: `replyId` alone, or every one in the conversation. */
export async function stopStreamingReplies(conversationId: string, replyId: string | null): Promise<string[]> {
  const { rows } = await pool().query<{ id: string }>({ name: "stop_replies", text: STOP_REPLIES, values: [conversationId, replyId] });
  return rows.map((row) => row.id);
}

export async function interruptStaleReplies(conversationId: string, staleSeconds: number): Promise<void> {
  await pool().query({ name: "interrupt_stale_replies", text: INTERRUPT_STALE_REPLIES, values: [conversationId, staleSeconds] });
}

export async function interruptOrphanedReplies(instance: string | null, staleSeconds: number): Promise<number> {
  const { rowCount } = await pool().query({
    name: "interrupt_orphaned_replies",
    text: INTERRUPT_ORPHANED_REPLIES,
    values: [instance, staleSeconds],
  });
  return rowCount ?? 0;
}

export async function selectMessage(id: string): Promise<(MessageRow & { feedsMemory: boolean }) | undefined> {
  const { rows } = await pool().query<MessageRow & { feedsMemory: boolean }>({
    name: "select_message",
    text: SELECT_MESSAGE,
    values: [id],
  });
  return rows[0];
}

export async function selectMessagesById(ids: string[]): Promise<FollowedMessageRow[]> {
  const { rows } = await pool().query<FollowedMessageRow>({ name: "select_messages_by_id", text: SELECT_MESSAGES_BY_ID, values: [ids] });
  return rows;
}

/** Newest first: up to `limit` messages before position `before`. */
export async function selectMessagePage(
  conversationId: string,
  before: number,
  limit: number,
  maxBytes: number,
): Promise<PageMessageRow[]> {
  const { rows } = await pool().query<PageMessageRow>({
    name: "select_message_page",
    text: SELECT_MESSAGE_PAGE,
    values: [conversationId, before, limit, maxBytes],
  });
  return rows;
}

export async function selectPathPage(
  conversationId: string,
  before: number,
  limit: number,
  path: { branches: number[]; ends: number[] },
  maxBytes: number,
): Promise<(MessageRow & PageBytes)[]> {
  const { rows } = await pool().query<MessageRow & PageBytes>({
    name: "select_path_page",
    text: SELECT_PATH_PAGE,
    values: [conversationId, before, limit, path.branches, path.ends, maxBytes],
  });
  return rows;
}

/** How many messages path ($2, $3) holds up to seq $4: an export's count, when the conversation has branched. */
export const COUNT_PATH_MESSAGES = `
  SELECT count(*)::int AS "count" FROM "Message" m, (SELECT $2::int[] AS "pathBranches", $3::int[] AS "pathEnds") p
  WHERE m."conversationId" = $1::uuid AND m."seq" <= $4 AND ${onPath("m", "p")}`;

export async function countPathMessages(
  conversationId: string,
  path: { branches: number[]; ends: number[] },
  throughSeq: number,
): Promise<number> {
  const { rows } = await pool().query<{ count: number }>({
    name: "count_path_messages",
    text: COUNT_PATH_MESSAGES,
    values: [conversationId, path.branches, path.ends, throughSeq],
  });
  return rows[0].count;
}

export async function selectMessagesAfter(
  conversationId: string,
  after: number,
  through: number,
  limit: number,
  maxBytes: number,
  path: { branches: number[]; ends: number[] },
): Promise<MessageRow[]> {
  const { rows } = await pool().query<MessageRow>({
    name: "select_messages_after",
    text: SELECT_MESSAGES_AFTER,
    values: [conversationId, after, through, limit, path.branches, path.ends, maxBytes],
  });
  return rows;
}

export async function selectStreamingReply(conversationId: string): Promise<MessageRow | undefined> {
  const { rows } = await pool().query<MessageRow>({
    name: "select_streaming_reply",
    text: SELECT_STREAMING_REPLY,
    values: [conversationId],
  });
  return rows[0];
}

export async function selectUnseenMessageIds(
  conversationId: string,
  afterSeq: number,
  maxBytes: number,
): Promise<{ ids: string[]; truncated: boolean }> {
  const { rows } = await pool().query<UnseenMessageRow>({
    name: "select_unseen_message_ids",
    text: SELECT_UNSEEN_MESSAGE_IDS,
    values: [conversationId, afterSeq, maxBytes],
  });
  return { ids: rows.flatMap((row) => (row.id ? [row.id] : [])), truncated: rows[0]?.truncated ?? false };
}

/**
 * All of an imported conversation's messages in one statement, from parallel arrays, and their
 * checkpoints from one JSON object keyed by seq ($8: one text parameter, which the driver sends as
 * it is, where an array of documents would be escaped character by character on the event loop).
 * $1 conversation.
 */
export const INSERT_IMPORTED_MESSAGES = `
  INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "createdAt", "updatedAt", "memoryBefore")
  SELECT m.id, $1::uuid, m.seq, m.role, m.content, m.status, m.at, m.at, $8::jsonb -> m.seq::text
  FROM unnest($2::uuid[], $3::int[], $4::"MessageRole"[], $5::text[], $6::"MessageStatus"[], $7::timestamptz[])
    AS m(id, seq, role, content, status, at)`;

export type ImportedMessageRow = Pick<MessageRow, "id" | "seq" | "role" | "content" | "status" | "createdAt">;

/**
 * Checkpoints found by replaying turns that had none (messages stored before branches existed), kept
 * so the same replay is not done again. $1 conversation, $2 seqs, $3 memory JSON.
 */
export const SET_MISSING_CHECKPOINTS = `
  UPDATE "Message" m SET "memoryBefore" = c.memory
  FROM unnest($2::int[], $3::jsonb[]) AS c(seq, memory)
  WHERE m."conversationId" = $1::uuid AND m."seq" = c.seq AND m."memoryBefore" IS NULL`;

export async function setMissingCheckpoints(
  conversationId: string,
  checkpoints: { seq: number; memoryJson: string }[],
  db: Queryable,
): Promise<void> {
  if (checkpoints.length === 0) return;
  await db.query({
    name: "set_missing_checkpoints",
    text: SET_MISSING_CHECKPOINTS,
    values: [conversationId, checkpoints.map((c) => c.seq), checkpoints.map((c) => c.memoryJson)],
  });
}

/** `checkpoints`: memory as the turn of a user message found it, as JSON, by its seq. */
export async function insertImportedMessages(
  conversationId: string,
  messages: ImportedMessageRow[],
  checkpoints: Map<number, string>,
  db: Queryable,
): Promise<void> {
  await db.query({
    name: "insert_imported_messages",
    text: INSERT_IMPORTED_MESSAGES,
    values: [
      conversationId,
      messages.map((m) => m.id),
      messages.map((m) => m.seq),
      messages.map((m) => m.role),
      messages.map((m) => m.content),
      messages.map((m) => m.status),
      messages.map((m) => m.createdAt),
      `{${[...checkpoints].map(([seq, json]) => `"${seq}":${json}`).join(",")}}`,
    ],
  });
}
