import { randomUUID } from "node:crypto";

const WORDS = ["lisbon", "budget", "tram", "azulejos", "regex", "email", "garden", "recipe", "bread", "train", "sintra", "museum"];

/** A reply's text, about `chars` long, varying so that recall has words to index. */
function text(seed: number, chars: number): string {
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const word = WORDS[(seed * 7 + i * 3) % WORDS.length];
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ");
}

/** A node as ChatGPT writes it, with the metadata a 2025 export carries (most of the file besides text). */
function node(id: string, parent: string | null, children: string[], role: string, parts: string[], time: number) {
  return {
    id,
    message: {
      id,
      author: { role, name: null, metadata: {} },
      create_time: time,
      update_time: null,
      content: { content_type: "text", parts },
      status: "finished_successfully",
      end_turn: role === "assistant" ? true : null,
      weight: 1.0,
      metadata: {
        citations: [],
        content_references: [],
        gizmo_id: null,
        message_type: "next",
        model_slug: "gpt-4o",
        default_model_slug: "auto",
        parent_id: parent,
        request_id: "8f1e2d3c4b5a6978-LIS",
        finish_details: { type: "stop", stop_tokens: [200002] },
        is_complete: true,
        timestamp_: "absolute",
        serialization_metadata: { custom_symbol_offsets: [] },
      },
      recipient: "all",
      channel: null,
    },
    parent,
    children,
  };
}

/**
 * A ChatGPT conversations.json of `conversations` conversations of `messages` messages each, with
 * replies of about `replyChars` characters: a legitimate file, as large as wanted.
 */
export function chatGptExportFile(conversations: number, messages: number, replyChars: number): string {
  const pieces: string[] = [];
  for (let c = 0; c < conversations; c++) {
    const root = randomUUID();
    const ids = Array.from({ length: messages }, () => randomUUID());
    const mapping: Record<string, unknown> = { [root]: { id: root, message: null, parent: null, children: [ids[0]] } };
    ids.forEach((id, i) => {
      const role = i % 2 === 0 ? "user" : "assistant";
      const parts = [role === "user" ? `Question ${c}.${i}: ${text(i, 120)}?` : text(c + i, replyChars)];
      mapping[id] = node(
        id,
        i === 0 ? root : ids[i - 1],
        i + 1 < messages ? [ids[i + 1]] : [],
        role,
        parts,
        1_714_000_000 + c * 3600 + i * 20,
      );
    });
    pieces.push(JSON.stringify({ title: `Conversation ${c}`, create_time: 1_714_000_000 + c * 3600, mapping, current_node: ids.at(-1) }));
  }
  return `[${pieces.join(",")}]`;
}
