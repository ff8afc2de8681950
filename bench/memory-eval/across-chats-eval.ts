// The evaluation's questions asked in a new chat about what was said in earlier ones (issue 27): each
// conversation of a set is one person's memory, cut into a chat per session (messages less than an hour
// apart), all imported into that person's browser memory; every question is then asked in a new chat of
// that memory. Reported: the share of questions whose answer-bearing messages are all in the prompt
// (the profile of saved memories and the lines recalled from other chats), and the mean prompt tokens,
// at the same MEMORY_PROMPT_TOKENS as the rest of the evaluation.
import { randomUUID } from "node:crypto";
import type { EvalSet } from "./eval-set";
import { sessions } from "./set-profile";

export interface AcrossChatsResult {
  chats: number;
  asked: number;
  found: number;
  meanTokens: number;
  byKind: Map<string, { found: number; asked: number }>;
  /** Questions whose answer-bearing messages were said in more than one chat. */
  spanning: { found: number; asked: number };
  misses: { kind: string; question: string; evidence: { position: number; inPrompt: boolean; content: string }[] }[];
}

const flat = (text: string) => text.replace(/\s+/g, " ").trim();

/** Runs once the environment points at the evaluation's database. */
export async function evaluateAcrossChats(set: EvalSet): Promise<AcrossChatsResult> {
  const [{ parseImport }, { importConversation }, { assemblePrompt }, { emptyMemory }, tokens, env, { embedRecallable }] =
    await Promise.all([
      import("../../lib/conversations/import/parse-import"),
      import("../../lib/conversations/import/import-conversations"),
      import("../../lib/conversations/recall"),
      import("../../lib/memory/schema"),
      import("../../lib/memory/tokens"),
      import("../../lib/env"),
      import("../../lib/conversations/semantic-recall"),
    ]);
  const sessionOf = sessions(set);
  const memories = set.conversations.map(() => randomUUID());
  let chats = 0;
  for (const [index, conversation] of set.conversations.entries()) {
    const bySession = new Map<number, typeof conversation.messages>();
    for (const [i, message] of conversation.messages.entries()) {
      const session = sessionOf[index][i];
      bySession.set(session, [...(bySession.get(session) ?? []), message]);
    }
    // Oldest first: the latest chat is the most recently used, as it would be.
    for (const [session, messages] of bySession) {
      const [parsed] = parseImport({ title: `${conversation.title}, chat ${session + 1}`, messages }, env.importLimits()).conversations;
      const { id } = await importConversation(parsed, env.memoryLimits(), memories[index]);
      // What the import route schedules after answering (nothing without an embedding model).
      while ((await embedRecallable(id, "eval", { paced: false })) > 0);
      chats++;
    }
  }

  const result: AcrossChatsResult = {
    chats,
    asked: 0,
    found: 0,
    meanTokens: 0,
    byKind: new Map(),
    spanning: { found: 0, asked: 0 },
    misses: [],
  };
  let totalTokens = 0;
  for (const question of set.questions) {
    const messages = set.conversations[question.conversation].messages;
    const across = { memoryId: memories[question.conversation], otherChats: true };
    const parts = await assemblePrompt(randomUUID(), emptyMemory(), question.question, across);
    const texts = parts.map((part) => String(part.message.content));
    const prompt = flat(texts.join("\n"));
    const evidence = question.evidence.map((position) => ({
      position,
      inPrompt: prompt.includes(flat(messages[position - 1].content)),
      content: messages[position - 1].content,
    }));
    const found = evidence.every((item) => item.inPrompt);
    result.asked++;
    result.found += found ? 1 : 0;
    totalTokens += texts.reduce((sum, text) => sum + tokens.countTokens(text) + tokens.MESSAGE_OVERHEAD_TOKENS, 0);
    const kind = result.byKind.get(question.kind) ?? { found: 0, asked: 0 };
    result.byKind.set(question.kind, { found: kind.found + (found ? 1 : 0), asked: kind.asked + 1 });
    if (new Set(question.evidence.map((position) => sessionOf[question.conversation][position - 1])).size > 1) {
      result.spanning.asked++;
      result.spanning.found += found ? 1 : 0;
    }
    if (!found) result.misses.push({ kind: question.kind, question: question.question, evidence });
  }
  result.meanTokens = Math.round(totalTokens / Math.max(result.asked, 1));
  return result;
}
