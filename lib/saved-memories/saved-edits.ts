import { z } from "zod";
import { MAX_FACT_CHARS, normalFact } from "../memory/bounds";
import { factKey } from "../memory/learned";

/** Items added or edited by hand that are kept at most; the oldest go first. */
export const MAX_ADDED = 200;
/** Items forgotten one by one that are remembered as such at most; the oldest go first. */
export const MAX_FORGOTTEN = 1_000;

const kindSchema = z.enum(["preference", "fact"]);
const instantSchema = z.iso.datetime();
const slotSchema = z.object({ kind: kindSchema, key: z.string().min(1).max(64) });

/** SavedMemory.edits: what the user changed by hand on the Memory page. */
export const savedEditsSchema = z.object({
  /** Added or edited by hand: stated now, so they win over what was said before. */
  added: z
    .array(slotSchema.extend({ text: z.string().min(1).max(MAX_FACT_CHARS), at: instantSchema }))
    .max(MAX_ADDED)
    .default([]),
  /** Deleted: whatever was said of them until then no longer counts. */
  forgotten: z
    .array(slotSchema.extend({ at: instantSchema }))
    .max(MAX_FORGOTTEN)
    .default([]),
  /** Forget everywhere: nothing said until then counts. */
  forgetBefore: instantSchema.nullable().default(null),
});

export type SavedEdits = z.infer<typeof savedEditsSchema>;

export const noEdits = (): SavedEdits => ({ added: [], forgotten: [], forgetBefore: null });

/** A change asked for on the Memory page (values already validated, lib/saved-memories/saved-inputs.ts). */
export type SavedChange =
  | { op: "set-preference"; key: string; text: string }
  | { op: "add-fact"; text: string }
  | { op: "edit-fact"; key: string; text: string }
  | { op: "forget"; kind: "preference" | "fact"; key: string }
  | { op: "forget-all" };

type Slot = z.infer<typeof slotSchema>;
const same = (a: Slot) => (b: Slot) => a.kind === b.kind && a.key === b.key;

/** Set by hand now: it wins over everything said of it before, so an earlier deletion of it has nothing left to do. */
function added(edits: SavedEdits, slot: Slot, text: string, at: string): SavedEdits {
  return {
    ...edits,
    added: [...edits.added.filter((item) => !same(slot)(item)), { ...slot, text, at }].slice(-MAX_ADDED),
    forgotten: edits.forgotten.filter((item) => !same(slot)(item)),
  };
}

function forgotten(edits: SavedEdits, slot: Slot, at: string): SavedEdits {
  return {
    ...edits,
    added: edits.added.filter((item) => !same(slot)(item)),
    forgotten: [...edits.forgotten.filter((item) => !same(slot)(item)), { ...slot, at }].slice(-MAX_FORGOTTEN),
  };
}

/** The edits after `change`, made at `now`. */
export function applySavedChange(edits: SavedEdits, change: SavedChange, now: Date): SavedEdits {
  const at = now.toISOString();
  switch (change.op) {
    case "set-preference":
      return added(edits, { kind: "preference", key: change.key }, change.text, at);
    case "add-fact": {
      const text = normalFact(change.text);
      return added(edits, { kind: "fact", key: factKey(text) }, text, at);
    }
    case "edit-fact": {
      const text = normalFact(change.text);
      return added(forgotten(edits, { kind: "fact", key: change.key }, at), { kind: "fact", key: factKey(text) }, text, at);
    }
    case "forget":
      return forgotten(edits, { kind: change.kind, key: change.key }, at);
    case "forget-all":
      return { added: [], forgotten: [], forgetBefore: at };
  }
}
