import http from "node:http";
import type { AddressInfo } from "node:net";
import { extractOffline } from "../../lib/memory/extract-offline";

/**
 * A local OpenAI-compatible server for exercising the real ChatOpenAI path. A streamed chat request
 * whose last user message contains a directive misbehaves on purpose:
 *   [[stub:500]] [[stub:429]]   an HTTP error        [[stub:drop]]       connection reset mid-stream
 *   [[stub:hang]]               never answers        [[stub:malformed]]  invalid stream data
 *   [[stub:500-once]]           fails the first time only, for a Retry
 * Summaries (plain requests) and structured output (response_format or tools) answer normally.
 * GET /models lists STUB_MODELS (stub-large as taking images). POST /embeddings answers with `embed` (by default stubEmbedding); [[stub:embed-500]] in an input fails it.
 */
export interface OpenAIStub {
  url: string;
  requests: { body: Record<string, unknown> }[];
  close(): Promise<void>;
}

type ChatMessage = { role: string; content: string | { type: string; text?: string }[] };

const textOf = (message: ChatMessage | undefined) =>
  typeof message?.content === "string" ? message.content : (message?.content ?? []).map((part) => part.text ?? "").join("");

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-stub",
    object: "chat.completion.chunk",
    created: 0,
    model: "stub",
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

const completion = (message: Record<string, unknown>, finish = "stop") => ({
  id: "chatcmpl-stub",
  object: "chat.completion",
  created: 0,
  model: "stub",
  choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finish }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

/** What GET /models lists: two chat models and one that a chat picker leaves out. */
export const STUB_MODELS = ["stub-large", "stub-small", "text-embedding-3-small"];

/** Words that mean the same to the default embedding, so that a test can ask in other words. */
const SYNONYMS: Record<string, string> = {
  vacation: "travel",
  holiday: "travel",
  trip: "travel",
  journey: "travel",
  travelled: "travel",
  traveled: "travel",
  dog: "pet",
  cat: "pet",
  puppy: "pet",
  kitten: "pet",
  job: "work",
  career: "work",
  employer: "work",
  company: "work",
};
const EMBEDDING_DIMENSIONS = 64;
const STOP_WORDS = new Set(["what", "that", "with", "have", "your", "this", "from", "there", "were", "where", "when", "which", "about"]);

/**
 * The default embedding: a crude stand-in for meaning, each word (or its synonym group) hashed to
 * one of 64 dimensions. Deterministic, so tests can say which messages are near each other.
 */
export async function stubEmbedding(texts: string[]): Promise<number[][]> {
  return texts.map((text) => {
    const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(-0.01);
    for (const word of text.toLowerCase().match(/[a-z]{4,}/g) ?? []) {
      if (STOP_WORDS.has(word)) continue;
      const concept = SYNONYMS[word] ?? word;
      let hash = 2166136261;
      for (const char of concept) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
      vector[hash % EMBEDDING_DIMENSIONS] += 1;
    }
    return vector;
  });
}

export function startOpenAIStub(
  port = 0,
  tokenDelayMs = 5,
  embed: (texts: string[]) => Promise<number[][]> = stubEmbedding,
): Promise<OpenAIStub> {
  const requests: OpenAIStub["requests"] = [];
  const failedOnce = new Set<string>();
  const sockets = new Set<import("node:net").Socket>();

  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const part of req) raw += part;
    if (req.method === "GET" && req.url?.endsWith("/models")) {
      // stub-large says it takes images, as OpenRouter's list does.
      const data = STUB_MODELS.map((id) => ({
        id,
        object: "model",
        created: 0,
        owned_by: "stub",
        ...(id === "stub-large" && { architecture: { input_modalities: ["text", "image"] } }),
      }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data }));
      return;
    }
    if (req.method === "POST" && req.url?.endsWith("/embeddings")) {
      const body = JSON.parse(raw) as { input: string | string[]; encoding_format?: string };
      requests.push({ body });
      const inputs = typeof body.input === "string" ? [body.input] : body.input;
      // Recall may embed a question without a word most messages hold, and the stub's replies say "stub".
      if (inputs.some((input) => /\[\[(stub)?:embed-500\]\]/.test(input))) {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "stub 500" } }));
        return;
      }
      const vectors = await embed(inputs);
      const data = vectors.map((vector, index) => ({
        object: "embedding",
        index,
        embedding: body.encoding_format === "base64" ? Buffer.from(Float32Array.from(vector).buffer).toString("base64") : vector,
      }));
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ object: "list", data, model: "stub-embedding", usage: { prompt_tokens: 1, total_tokens: 1 } }));
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown> & { messages: ChatMessage[]; stream?: boolean };
    requests.push({ body });
    const lastUser = textOf([...body.messages].reverse().find((message) => message.role === "user"));

    if (body.response_format || body.tools) {
      const extraction = extractOffline(lastUser);
      extraction.facts.push(`stub-extracted: ${lastUser.slice(0, 20)}`);
      const args = JSON.stringify(extraction);
      const tools = body.tools as { function: { name: string } }[] | undefined;
      const reply = tools
        ? completion(
            {
              content: null,
              tool_calls: [{ id: "call_1", type: "function", function: { name: tools[0].function.name, arguments: args } }],
            },
            "tool_calls",
          )
        : completion({ content: args });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      return;
    }
    if (!body.stream) {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(completion({ content: `Stub summary: ${lastUser.slice(0, 300)}` })));
      return;
    }

    const directive = /\[\[stub:([a-z0-9-]+)\]\]/.exec(lastUser)?.[1];
    const failOnce = directive === "500-once" && !failedOnce.has(lastUser);
    if (failOnce) failedOnce.add(lastUser);
    if (directive === "500" || failOnce || directive === "429") {
      const status = directive === "429" ? 429 : 500;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: `stub ${status}`, type: "stub" } }));
      return;
    }
    if (directive === "hang") return; // never answers; the client's timeout must end it

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(chunk({ role: "assistant", content: "" }));
    const words =
      `Stub reply (${body.messages.length} messages in the prompt) to: ${lastUser.replace(/\[\[stub:[a-z0-9-]+\]\]/, "").trim()}`.match(
        /\S+\s*/g,
      ) ?? [];
    for (const [index, word] of words.entries()) {
      if (directive === "drop" && index === 3) {
        req.socket.destroy();
        return;
      }
      if (directive === "malformed" && index === 3) {
        res.end("data: {this is not json\n\n");
        return;
      }
      res.write(chunk({ content: word }));
      await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
    }
    res.write(chunk({}, "stop"));
    res.end("data: [DONE]\n\n");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}/v1`,
        requests,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
