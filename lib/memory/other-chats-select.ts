import type { AnswerKind } from "./recall-answer-kind";
import { type RecallCandidate, type RecalledMessage, selectRecalled } from "./recall-select";
import type { SearchTerm } from "./recall-terms";

/** A message of another of the user's chats that may be recalled; `label` names its chat in the prompt. */
export interface OtherChatCandidate extends RecallCandidate {
  chat: { conversationId: string; title: string };
  label: number;
}

export const OTHER_CHATS_HEADING = "Recalled from the user's other chats (not this one), oldest first, by date (which chat, who said it):";

/** "(chat 2) user: …": a chat's number stands for it in this prompt; its title, which others could rename, never reaches the model. */
export const otherChatPrefix = (label: number, role: string) => `(chat ${label}) ${role}: `;

/**
 * Stage two for the other chats: the best candidates packed into the budget as selectRecalled packs
 * one conversation's, in the order they were said, each line naming its chat. Returned oldest first,
 * each with its own position and chat.
 */
export function selectOtherChats(
  candidates: OtherChatCandidate[],
  terms: SearchTerm[],
  budgetTokens: number,
  wanted: AnswerKind | null = null,
): RecalledMessage[] {
  // Positions of different chats are not comparable: each candidate takes its place in time instead.
  const inTime = [...candidates].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.chat.conversationId.localeCompare(b.chat.conversationId) || a.seq - b.seq,
  );
  const placed = inTime.map((candidate, index) => ({ ...candidate, seq: index + 1 }));
  const chosen = selectRecalled(placed, terms, budgetTokens, wanted, {
    heading: OTHER_CHATS_HEADING,
    prefix: (candidate) => otherChatPrefix(inTime[candidate.seq - 1].label, candidate.role),
  });
  return chosen.map((line) => {
    const { seq, chat } = inTime[line.seq - 1];
    return { ...line, seq, chat };
  });
}
