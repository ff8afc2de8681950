/**
 * What kind of answer a question asks for, and whether a message holds one: the classic question-
 * answering cue that lets "what is my sister called?" prefer "my sister Clara …" over every other
 * message that mentions a sister.
 */
export type AnswerKind = "date" | "number" | "name" | "preference";

const ASKS: [RegExp, AnswerKind][] = [
  [/\b(favou?rite|prefer|(like|love|enjoy) (best|most)|hate|dislike|can't stand)\b/i, "preference"],
  [/\b(when|what (day|date|time|year|month)|which (day|date|month|year|night|week)|how long ago|since when)\b/i, "date"],
  [/\b(how (much|many|old|far|long|often|big)|what (number|percentage|price|amount|age|size)|which (number|floor|flat|room))\b/i, "number"],
  [/\b(who|whom|whose|where|which [a-z]+|what(?:'s| is| was| are| were)? [a-z' ]*\b(name|called))\b/i, "name"],
];

const MONTH = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?";
const HAS: Record<AnswerKind, RegExp> = {
  date: new RegExp(
    `\\b(${MONTH}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow|tonight|weekend|(19|20)\\d\\d|\\d{1,2}(st|nd|rd|th)|(last|next|this) (week|month|year|spring|summer|autumn|fall|winter))\\b`,
    "i",
  ),
  number:
    /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|dozen)\b/i,
  preference:
    /\b(I|I'm|I am)( really| truly| always)? (love|like|prefer|hate|adore|enjoy|dislike|can't stand)|\bmy (absolute |all-time )?favou?rite\b/i,
  // A capitalized word that does not start a sentence: a name, a place, a title.
  name: /[^.!?\s]\s+(?!I\b)\p{Lu}/u,
};

export function answerKind(question: string): AnswerKind | null {
  return ASKS.find(([pattern]) => pattern.test(question))?.[1] ?? null;
}

export function holdsAnswer(text: string, kind: AnswerKind): boolean {
  return HAS[kind].test(text);
}
