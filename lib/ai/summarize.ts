import { HumanMessage } from "@langchain/core/messages";
import { offlineSummary, summaryPrompt } from "../memory/summary";
import type { FoldPlan } from "../memory/window";
import type { ChatModelHandle } from "./model";

const contentText = (content: unknown) => (typeof content === "string" ? content : "");

/** Extends the running summary with the messages leaving the window: previous summary + new lines only. */
export async function summarize(handle: ChatModelHandle, plan: FoldPlan): Promise<string> {
  if (handle.kind === "offline") return offlineSummary(plan.previousSummary, plan.messages);
  const reply = await handle.model.invoke([new HumanMessage(summaryPrompt(plan.previousSummary, plan.messages))], {
    signal: AbortSignal.timeout(handle.timeoutMs),
  });
  const summary = contentText(reply.content).trim();
  if (!summary) throw new Error("The model returned an empty summary.");
  return summary;
}
