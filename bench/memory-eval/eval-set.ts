// The format of a long-conversation memory evaluation set: conversations to import, and questions whose
// answers sit in specific messages of one conversation (the evidence, as 1-based message positions).
import { z } from "zod";

export type EvalRole = "user" | "assistant";

export interface EvalMessage {
  role: EvalRole;
  content: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

export interface EvalConversation {
  title: string;
  messages: EvalMessage[];
}

export interface EvalQuestion {
  /** Index into `conversations`. */
  conversation: number;
  question: string;
  answer: string;
  kind: string;
  /** 1-based positions of the answer-bearing messages in that conversation. */
  evidence: number[];
}

export interface EvalSet {
  name: string;
  seed: number;
  conversations: EvalConversation[];
  questions: EvalQuestion[];
}

export const evalMessageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().min(1),
  createdAt: z.iso.datetime(),
});

export const evalConversationSchema = z.object({
  title: z.string().min(1),
  messages: z.array(evalMessageSchema).min(1),
});

export const evalQuestionSchema = z.object({
  conversation: z.number().int().nonnegative(),
  question: z.string().min(1),
  answer: z.string().min(1),
  kind: z.string().min(1),
  evidence: z.array(z.number().int().positive()).min(1),
});

export const evalSetSchema = z
  .object({
    name: z.string().min(1),
    seed: z.number().int(),
    conversations: z.array(evalConversationSchema),
    questions: z.array(evalQuestionSchema),
  })
  .superRefine((set, ctx) => {
    set.questions.forEach((q, i) => {
      const conversation = set.conversations[q.conversation];
      if (!conversation) {
        ctx.addIssue({ code: "custom", path: ["questions", i, "conversation"], message: `no conversation ${q.conversation}` });
        return;
      }
      for (const position of q.evidence) {
        if (position > conversation.messages.length) {
          ctx.addIssue({ code: "custom", path: ["questions", i, "evidence"], message: `position ${position} is past the last message` });
        }
      }
    });
  });

// Keeps the hand-written interfaces and the schema in step: each must be assignable to the other.
type SchemaSet = z.infer<typeof evalSetSchema>;
const _schemaMatchesType: [SchemaSet extends EvalSet ? true : false, EvalSet extends SchemaSet ? true : false] = [true, true];
void _schemaMatchesType;
