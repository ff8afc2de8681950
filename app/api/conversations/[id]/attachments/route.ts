import { acceptUpload } from "@/lib/attachments/accept-upload";
import { conversationRoute } from "@/lib/http/conversation-route";

/**
 * Uploads a file to attach to this conversation's next message: the body is the file's bytes
 * (application/octet-stream), `?name=` its name. Answers 201 with the attachment once it is stored;
 * every limit refuses with its own typed error before anything is written (lib/attachments/accept-upload.ts).
 */
export const POST = conversationRoute(acceptUpload, "bytes");
