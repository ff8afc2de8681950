import type { BaseMessage } from "@langchain/core/messages";
import { FACTS_HEADING, PROFILE_HEADING, SUMMARY_HEADING } from "../memory/prompt";

const text = (message: BaseMessage) => (typeof message.content === "string" ? message.content : "");
const quote = (value: string, max = 400) => {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
/** The summary's newest part: what was folded last. */
const latest = (value: string, max = 160) => {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `…${flat.slice(-(max - 1))}` : flat;
};

export const OFFLINE_NOTICE =
  "You are talking to the built-in offline model. Set OPENAI_API_KEY (or OPENAI_BASE_URL for Ollama, vLLM, " +
  "llama.cpp or LM Studio) to use a real model.";

/**
 * The offline model's answer: deterministic, and built from the prompt so that it shows what
 * memory holds (preferences, facts, summary, window) without any model behind it.
 */
export function offlineReply(messages: BaseMessage[]): string {
  const system = messages.filter((message) => message.getType() === "system").map(text);
  const dialogue = messages.filter((message) => message.getType() !== "system");
  const last = dialogue.at(-1);
  const profile = system.find((content) => content.startsWith(PROFILE_HEADING));
  const summary = system.find((content) => content.startsWith(SUMMARY_HEADING));

  const [preferenceBlock, factBlock = ""] = (profile ?? "").split(FACTS_HEADING);
  const lines = (block: string) =>
    block
      .split("\n")
      .filter((line) => line.startsWith("- "))
      .map((line) => line.slice(2));
  const preferences = lines(preferenceBlock);
  const facts = lines(factBlock);

  const remembered = preferences.length
    ? `What I remember about you: ${preferences.join("; ")}.`
    : 'I do not know anything about you yet. Try "my name is …", "I prefer …" or "let\'s talk about …".';
  return [
    `**Offline model.** You said: “${quote(last ? text(last) : "")}”`,
    "",
    remembered,
    ...(facts.length ? ["", `Facts I noted: ${facts.join("; ")}.`] : []),
    ...(summary ? ["", `Earlier in this conversation: ${latest(summary.slice(SUMMARY_HEADING.length))}`] : []),
    "",
    `My live window holds ${dialogue.length - 1} earlier messages word for word.`,
    "",
    `_${OFFLINE_NOTICE}_`,
  ].join("\n");
}
