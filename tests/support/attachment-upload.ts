import { expect } from "vitest";
import { POST as upload } from "@/app/api/conversations/[id]/attachments/route";
import type { AttachmentView } from "@/lib/attachments/attachment-view";
import { withClient } from "./database";

/** POSTs a file to the real upload route, as the composer does. */
export function sendFile(
  conversationId: string,
  name: string,
  bytes: Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  const streamed = bytes instanceof ReadableStream;
  return upload(
    new Request(`http://localhost/api/conversations/${conversationId}/attachments?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", ...(!streamed && { "content-length": String(bytes.byteLength) }), ...headers },
      body: streamed ? bytes : new Uint8Array(bytes),
      ...(streamed && { duplex: "half" }),
    } as RequestInit),
    { params: Promise.resolve({ id: conversationId }) },
  );
}

/** Uploads a file that must be accepted. */
export async function attach(conversationId: string, name: string, bytes: Uint8Array): Promise<AttachmentView> {
  const response = await sendFile(conversationId, name, bytes);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return (await response.json()) as AttachmentView;
}

/** Waits until attachment `id`'s text has been read (or found unreadable): its state then. */
export async function textStateOf(databaseUrl: string, id: string, timeoutMs = 20_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const state = await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ textState: string }>(
        `SELECT c."textState" FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId" WHERE a."id" = $1`,
        [id],
      );
      return rows[0]?.textState ?? "missing";
    });
    if (!["pending", "reading"].includes(state) || Date.now() - started > timeoutMs) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
