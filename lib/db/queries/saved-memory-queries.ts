import "server-only";
import { pool } from "../client";

/** SavedMemory.edits as stored (validated by the caller) and its version, for compare-and-set. */
export interface SavedEditsRow {
  edits: unknown;
  version: number;
}

export const SELECT_SAVED_EDITS = `SELECT "edits", "version" FROM "SavedMemory" WHERE "id" = $1::uuid`;

/**
 * Writes memory $1's edits ($2) only if nobody changed them since version $3 was read (0: none were
 * stored). One statement; no row comes back when another write came first.
 */
export const WRITE_SAVED_EDITS = `
  INSERT INTO "SavedMemory" ("id", "edits", "version") VALUES ($1::uuid, $2::jsonb, 1)
  ON CONFLICT ("id") DO UPDATE SET "edits" = EXCLUDED."edits", "version" = "SavedMemory"."version" + 1, "updatedAt" = CURRENT_TIMESTAMP
  WHERE "SavedMemory"."version" = $3
  RETURNING "version"`;

export async function selectSavedEdits(memoryId: string): Promise<SavedEditsRow | undefined> {
  const { rows } = await pool().query<SavedEditsRow>({ name: "select_saved_edits", text: SELECT_SAVED_EDITS, values: [memoryId] });
  return rows[0];
}

export async function writeSavedEdits(memoryId: string, editsJson: string, version: number): Promise<boolean> {
  const { rowCount } = await pool().query({ name: "write_saved_edits", text: WRITE_SAVED_EDITS, values: [memoryId, editsJson, version] });
  return rowCount === 1;
}
