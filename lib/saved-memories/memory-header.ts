import { z } from "zod";
import { AppError } from "../errors";
import { memoryIdSchema } from "./saved-inputs";

/**
 * The browser's memory id from a request's X-Memory-Id header (memory across chats): kept out of URLs,
 * and so out of logs and history. Null without one; a malformed one is refused.
 */
export function memoryIdOf(request: Request): string | null {
  const header = request.headers.get("x-memory-id");
  if (header === null) return null;
  const parsed = memoryIdSchema.safeParse(header);
  if (!parsed.success) throw new AppError("INVALID_MEMORY_ID");
  return parsed.data;
}

const otherChatsHeaderSchema = z.enum(["on", "off"]);

/**
 * False when the X-Other-Chats header is "off" ("Reference other chats" switched off): recall then
 * searches the conversation alone. Without the header, on; any other value is refused.
 */
export function otherChatsOf(request: Request): boolean {
  const header = request.headers.get("x-other-chats");
  if (header === null) return true;
  const parsed = otherChatsHeaderSchema.safeParse(header);
  if (!parsed.success) throw new AppError("BAD_REQUEST");
  return parsed.data === "on";
}
