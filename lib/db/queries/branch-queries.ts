import "server-only";
import type { BranchPath } from "../../conversations/branch-path";
import type { MessageRole, MessageStatus } from "../generated/enums";
import type { Queryable } from "../transaction";
import { notifyBranch } from "./event-queries";
import type { MessageRow } from "./message-queries";

// Branches (lib/conversations/branch-path.ts says what they are). Forking and switching run under the
// conversation's row lock, in one transaction, so two tabs doing so at once apply one after the other.

/**
 * Whether message `m` is on the path held by `c` (a row with "pathBranches" and "pathEnds"): its
 * branch is listed and its seq is at most that branch's end. NULL, which WHERE takes as false,
 * when its branch is not listed. A conversation that never branched lists branch 0 to the end.
 */
export const onPath = (m: string, c: string) => `${m}."seq" <= ${c}."pathEnds"[array_position(${c}."pathBranches", ${m}."branch")]`;

/**
 * The same against conversation $1's current path, where many rows are tested (recall's first stage,
 * the similarity shortlist). The path is read once, by uncorrelated subqueries that PostgreSQL runs
 * before the scan; on the root path, where most conversations are, a row costs one comparison.
 */
export const onCurrentPath = (m: string) => {
  const path = (column: string) => `(SELECT ${column} FROM "Conversation" WHERE "id" = $1::uuid)`;
  return `((${m}."branch" = 0 AND ${path(`"pathBranches" = '{0}'`)})
    OR ${m}."seq" <= ${path(`"pathEnds"`)}[array_position(${path(`"pathBranches"`)}, ${m}."branch")])`;
};

/** The conversation's branch state, holding its row lock until the transaction ends. */
export interface BranchStateRow {
  branch: number;
  pathBranches: number[];
  pathEnds: number[];
  memoryBuffer: unknown;
  memoryVersion: number;
  lastSeq: number;
  /** The clears made so far (lib/memory/clears.ts), as stored. */
  memoryClears: unknown;
}

export const LOCK_BRANCH_STATE = `
  SELECT "branch", "pathBranches", "pathEnds", "memoryBuffer", "memoryVersion", "lastSeq", "memoryClears"
  FROM "Conversation" WHERE "id" = $1::uuid FOR UPDATE`;

export const UPDATE_MEMORY_CLEARS = `UPDATE "Conversation" SET "memoryClears" = $2::jsonb WHERE "id" = $1::uuid`;

/** The memory kept by each branch not shown (at most MAX_BRANCHES). */
export const SELECT_STASHED_MEMORIES = `
  SELECT "id", "memoryBuffer" FROM "Branch" WHERE "conversationId" = $1::uuid AND "memoryBuffer" IS NOT NULL`;

/** A Branch row without its memory. */
export interface BranchRow {
  id: number;
  parent: number;
  forkSeq: number;
  pathBranches: number[];
  pathEnds: number[];
  activeAt: Date;
}

/** Every branch of a conversation (none until it first branches). */
export const SELECT_BRANCHES = `
  SELECT "id", "parent", "forkSeq", "pathBranches", "pathEnds", "activeAt"
  FROM "Branch" WHERE "conversationId" = $1::uuid ORDER BY "id"`;

/** A message, with its branch, as a fork starts from it. */
export interface ForkTargetRow {
  id: string;
  seq: number;
  branch: number;
  role: MessageRole;
  status: MessageStatus;
  content: string;
  createdAt: Date;
  /** A user message's teaching joins memory across chats. */
  feedsMemory: boolean;
}

export const SELECT_FORK_TARGET = `
  SELECT "id", "seq", "branch", "role", "status", "content", "createdAt", "feedsMemory" FROM "Message"
  WHERE "id" = $1::uuid AND "conversationId" = $2::uuid`;

/** The message before seq $2 on path ($3, $4) of conversation $1, and the user message nearest before it ($5: user only). */
export const SELECT_PATH_PREDECESSOR = `
  SELECT m."id", m."seq", m."branch", m."role", m."status", m."content", m."createdAt", m."feedsMemory"
  FROM "Message" m, (SELECT $3::int[] AS "pathBranches", $4::int[] AS "pathEnds") p
  WHERE m."conversationId" = $1::uuid AND m."seq" < $2 AND ${onPath("m", "p")} AND (NOT $5::boolean OR m."role" = 'user')
  ORDER BY m."seq" DESC LIMIT 1`;

/** The checkpoint nearest at or before seq $2 on the path: a user message with the memory its turn found. */
export interface CheckpointRow {
  seq: number;
  memoryBefore: unknown;
}

export const SELECT_CHECKPOINT = `
  SELECT m."seq", m."memoryBefore"
  FROM "Message" m, (SELECT $3::int[] AS "pathBranches", $4::int[] AS "pathEnds") p
  WHERE m."conversationId" = $1::uuid AND m."seq" <= $2 AND m."memoryBefore" IS NOT NULL AND ${onPath("m", "p")}
  ORDER BY m."seq" DESC LIMIT 1`;

/** A message replayed into memory from a checkpoint. */
export type ReplayRow = Pick<MessageRow, "id" | "seq" | "role" | "content" | "status" | "createdAt"> & { feedsMemory: boolean };

/** The path's messages from seq $2 up to before $3, in order: what a checkpoint is replayed through. */
export const SELECT_REPLAY_MESSAGES = `
  SELECT m."id", m."seq", m."role", m."content", m."status", m."createdAt", m."feedsMemory"
  FROM "Message" m, (SELECT $4::int[] AS "pathBranches", $5::int[] AS "pathEnds") p
  WHERE m."conversationId" = $1::uuid AND m."seq" >= $2 AND m."seq" < $3 AND ${onPath("m", "p")}
  ORDER BY m."seq"`;

/**
 * Keeps the current branch's memory on its row while another is current. Only the root can lack a
 * row (every other branch gets one when it is made), and it gets it here, when the conversation
 * first branches. $1 conversation, $2 current branch, $3 its memory.
 */
export const STASH_BRANCH = `
  INSERT INTO "Branch" ("conversationId", "id", "parent", "forkSeq", "pathBranches", "pathEnds", "memoryBuffer")
  VALUES ($1::uuid, $2, 0, 0, '{0}', '{2147483647}', $3::jsonb)
  ON CONFLICT ("conversationId", "id") DO UPDATE SET "memoryBuffer" = EXCLUDED."memoryBuffer"`;

/** A new branch. $1 conversation, $2 id, $3 parent, $4 fork seq, $5 path branches, $6 path ends. */
export const INSERT_BRANCH = `
  INSERT INTO "Branch" ("conversationId", "id", "parent", "forkSeq", "pathBranches", "pathEnds")
  VALUES ($1::uuid, $2, $3, $4, $5::int[], $6::int[])`;

/** A branch's row with its memory, locked, to switch to it or to finish a turn made on it. */
export interface BranchMemoryRow {
  pathBranches: number[];
  pathEnds: number[];
  memoryBuffer: unknown;
}

export const LOCK_BRANCH_MEMORY = `
  SELECT "pathBranches", "pathEnds", "memoryBuffer" FROM "Branch"
  WHERE "conversationId" = $1::uuid AND "id" = $2 FOR UPDATE`;

export const UPDATE_BRANCH_MEMORY = `UPDATE "Branch" SET "memoryBuffer" = $3::jsonb WHERE "conversationId" = $1::uuid AND "id" = $2`;

/**
 * Makes branch $2 current: its path and memory become the conversation's (memoryVersion moves, so a
 * turn still finishing on the branch left writes to that branch's row instead), its row gives its
 * memory up and records when, and every follower hears of it.
 * $1 conversation, $2 branch, $3 path branches, $4 path ends, $5 memory JSON.
 */
export const ENTER_BRANCH = `
  WITH entered AS (
    UPDATE "Branch" SET "memoryBuffer" = NULL, "activeAt" = clock_timestamp()
    WHERE "conversationId" = $1::uuid AND "id" = $2
  ), switched AS (
    UPDATE "Conversation"
    SET "branch" = $2, "pathBranches" = $3::int[], "pathEnds" = $4::int[], "memoryBuffer" = $5::jsonb,
      "memoryVersion" = "memoryVersion" + 1, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = $1::uuid
    RETURNING "id", "memoryVersion"
  )
  SELECT "memoryVersion", ${notifyBranch("switched")} AS notified FROM switched`;

const pathOf = (row: { pathBranches: number[]; pathEnds: number[] }): BranchPath => ({ branches: row.pathBranches, ends: row.pathEnds });

export async function lockBranchState(conversationId: string, db: Queryable): Promise<BranchStateRow | undefined> {
  const { rows } = await db.query<BranchStateRow>({ name: "lock_branch_state", text: LOCK_BRANCH_STATE, values: [conversationId] });
  return rows[0];
}

export async function updateMemoryClears(conversationId: string, clears: unknown[], db: Queryable): Promise<void> {
  await db.query({ name: "update_memory_clears", text: UPDATE_MEMORY_CLEARS, values: [conversationId, JSON.stringify(clears)] });
}

export async function selectStashedMemories(conversationId: string, db: Queryable): Promise<{ id: number; memoryBuffer: unknown }[]> {
  const { rows } = await db.query<{ id: number; memoryBuffer: unknown }>({
    name: "select_stashed_memories",
    text: SELECT_STASHED_MEMORIES,
    values: [conversationId],
  });
  return rows;
}

export async function selectBranches(conversationId: string, db: Queryable): Promise<(BranchRow & { path: BranchPath })[]> {
  const { rows } = await db.query<BranchRow>({ name: "select_branches", text: SELECT_BRANCHES, values: [conversationId] });
  return rows.map((row) => ({ ...row, path: pathOf(row) }));
}

export async function selectForkTarget(messageId: string, conversationId: string, db: Queryable): Promise<ForkTargetRow | undefined> {
  const { rows } = await db.query<ForkTargetRow>({
    name: "select_fork_target",
    text: SELECT_FORK_TARGET,
    values: [messageId, conversationId],
  });
  return rows[0];
}

export async function selectPathPredecessor(
  conversationId: string,
  beforeSeq: number,
  path: BranchPath,
  userOnly: boolean,
  db: Queryable,
): Promise<ForkTargetRow | undefined> {
  const { rows } = await db.query<ForkTargetRow>({
    name: "select_path_predecessor",
    text: SELECT_PATH_PREDECESSOR,
    values: [conversationId, beforeSeq, path.branches, path.ends, userOnly],
  });
  return rows[0];
}

export async function selectCheckpoint(
  conversationId: string,
  atSeq: number,
  path: BranchPath,
  db: Queryable,
): Promise<CheckpointRow | undefined> {
  const { rows } = await db.query<CheckpointRow>({
    name: "select_checkpoint",
    text: SELECT_CHECKPOINT,
    values: [conversationId, atSeq, path.branches, path.ends],
  });
  return rows[0];
}

export async function selectReplayMessages(
  conversationId: string,
  fromSeq: number,
  beforeSeq: number,
  path: BranchPath,
  db: Queryable,
): Promise<ReplayRow[]> {
  const { rows } = await db.query<ReplayRow>({
    name: "select_replay_messages",
    text: SELECT_REPLAY_MESSAGES,
    values: [conversationId, fromSeq, beforeSeq, path.branches, path.ends],
  });
  return rows;
}

export async function stashBranch(conversationId: string, branch: number, memoryBuffer: unknown, db: Queryable): Promise<void> {
  await db.query({ name: "stash_branch", text: STASH_BRANCH, values: [conversationId, branch, JSON.stringify(memoryBuffer ?? null)] });
}

export async function insertBranch(
  conversationId: string,
  branch: { id: number; parent: number; forkSeq: number; path: BranchPath },
  db: Queryable,
): Promise<void> {
  await db.query({
    name: "insert_branch",
    text: INSERT_BRANCH,
    values: [conversationId, branch.id, branch.parent, branch.forkSeq, branch.path.branches, branch.path.ends],
  });
}

export async function lockBranchMemory(conversationId: string, branch: number, db: Queryable): Promise<BranchMemoryRow | undefined> {
  const { rows } = await db.query<BranchMemoryRow>({
    name: "lock_branch_memory",
    text: LOCK_BRANCH_MEMORY,
    values: [conversationId, branch],
  });
  return rows[0];
}

export async function updateBranchMemory(conversationId: string, branch: number, memoryJson: string, db: Queryable): Promise<void> {
  await db.query({ name: "update_branch_memory", text: UPDATE_BRANCH_MEMORY, values: [conversationId, branch, memoryJson] });
}

/** Returns the conversation's new memory version. */
export async function enterBranch(
  conversationId: string,
  branch: number,
  path: BranchPath,
  memoryJson: string,
  db: Queryable,
): Promise<number> {
  const { rows } = await db.query<{ memoryVersion: number }>({
    name: "enter_branch",
    text: ENTER_BRANCH,
    values: [conversationId, branch, path.branches, path.ends, memoryJson],
  });
  return rows[0].memoryVersion;
}
