import "server-only";
import { type AttachmentTextRow, CHUNK_BYTES, selectChunk } from "../db/queries/attachment-queries";
import { INLINE_IMAGE_TYPES } from "./attachment-type";
import { imageTokens } from "./image-tokens";

/** An image as a model that sees images receives it: its bytes in a data URL, and what it costs. */
export interface PromptImage {
  name: string;
  url: string;
  tokens: number;
}

/**
 * The images among a message's files that a turn sends as image parts, in order, while their bytes
 * total at most `budgetBytes` (each read whole: an image part is one string), and the names of those
 * left out for the budget.
 */
export async function promptImages(files: AttachmentTextRow[], budgetBytes: number): Promise<{ images: PromptImage[]; leftOut: string[] }> {
  const images: PromptImage[] = [];
  const leftOut: string[] = [];
  let left = budgetBytes;
  for (const file of files) {
    if (!INLINE_IMAGE_TYPES.has(file.mediaType)) continue;
    if (file.size > left) {
      leftOut.push(file.name);
      continue;
    }
    const chunks: Buffer[] = [];
    for (let index = 0; index * CHUNK_BYTES < file.size; index++) {
      const chunk = await selectChunk(file.contentId, index);
      if (!chunk) break;
      chunks.push(chunk);
    }
    left -= file.size;
    const url = `data:${file.mediaType};base64,${Buffer.concat(chunks).toString("base64")}`;
    images.push({ name: file.name, url, tokens: imageTokens(file.width, file.height) });
  }
  return { images, leftOut };
}
