// What an evaluation set asks: its questions by kind, and how many need messages from more than one
// session (a session being messages less than an hour apart), printed with the set's results.
import type { EvalSet } from "./eval-set";

/** A new session starts after this long without a message. */
const SESSION_GAP_MS = 60 * 60 * 1000;

/** Each message's session number, per conversation. */
export function sessions(set: EvalSet): number[][] {
  return set.conversations.map((conversation) => {
    let session = 0;
    return conversation.messages.map((message, i) => {
      if (i > 0 && Date.parse(message.createdAt) - Date.parse(conversation.messages[i - 1].createdAt) > SESSION_GAP_MS) session++;
      return session;
    });
  });
}

export function describeSet(set: EvalSet): string {
  const sessionOf = sessions(set);
  const byKind = new Map<string, number>();
  for (const question of set.questions) byKind.set(question.kind, (byKind.get(question.kind) ?? 0) + 1);
  const spanning = set.questions.filter(
    (question) => new Set(question.evidence.map((position) => sessionOf[question.conversation][position - 1])).size > 1,
  ).length;
  const share = ((100 * spanning) / set.questions.length).toFixed(1);
  return [
    `Set "${set.name}" (seed ${set.seed}): ${set.conversations.length} conversations of ${set.conversations.map((c) => c.messages.length).join(", ")} messages ` +
      `in ${sessionOf.map((conversation) => conversation[conversation.length - 1] + 1).join(", ")} sessions; ${set.questions.length} questions.`,
    `Questions by kind: ${[...byKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, count]) => `${kind} ${count}`)
      .join(", ")}.`,
    `Questions whose evidence spans more than one session: ${spanning} of ${set.questions.length} (${share}%).`,
  ].join("\n");
}
