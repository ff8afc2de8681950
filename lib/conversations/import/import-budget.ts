import "server-only";
import { consumeLimits } from "../../db/queries/limit-queries";
import { abuseLimits } from "../../env";
import { type AbuseLimits, importRules } from "../../limits/limit-rules";

/**
 * Gives back the import that enforceImportLimits counted, for a request refused as BUSY once its body
 * had arrived: it did none of the work the budget limits. Each key's "empty at" moment moves back by
 * the step it moved forward (the same statement, with negative steps); a key that drained since stays
 * drained. The client's own key gets back exactly its step; near the limit over everyone, where a
 * request may be served from its reserve (lib/limits/limit-rules.ts), its network's key may get back
 * another amount than it paid.
 */
export async function refundImportLimits(client: string, limits: AbuseLimits = abuseLimits()): Promise<void> {
  const rules = importRules(limits, client);
  if (rules.length === 0) return;
  await consumeLimits({
    keys: rules.map((rule) => rule.key),
    stepsMs: rules.map((rule) => -rule.stepMs),
    periodsMs: rules.map((rule) => rule.periodMs),
    sharedMs: rules.map((rule) => rule.sharedMs),
    reserveStepsMs: rules.map((rule) => -rule.reserveStepMs),
    onlyNew: rules.map(() => false),
    conversationId: null,
    client,
    liveCaps: [],
  });
}
