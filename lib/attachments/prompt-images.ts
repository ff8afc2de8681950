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
 * Image bytes the replies under way on this instance may hold at once: each image is read whole,
 * then held as base64 and in the request to the model until the reply ends. Past it, an image is
 * described in words instead, as for a model that cannot see.
 */
export const VISION_BYTES_IN_FLIGHT = 67_108_864;
const shared = globalThis as unknown as { memoryChatVisionBytes?: { held: number } };
shared.memoryChatVisionBytes ??= { held: 0 };
const inFlight = shared.memoryChatVisionBytes;

/** Image bytes the replies under way hold now. */
export const visionBytesHeld = () => inFlight.held;

/**
 * The images among a message's files that a turn sends `model` as image parts, in order, while their bytes
 * total at most `budgetBytes` (each read whole: an image part is one string), and the names of those
 * left out for the budget, or for this instance's images in flight; and the release of what they hold,
 * to call once the reply is done with them.
 */
export async function promptImages(
  files: AttachmentTextRow[],
  budgetBytes: number,
  model: string,
): Promise<{ images: PromptImage[]; leftOut: string[]; release: () => void }> {
  const images: PromptImage[] = [];
  const leftOut: string[] = [];
  let left = budgetBytes;
  let held = 0;
  const release = () => {
    inFlight.held -= held;
    held = 0;
  };
  for (const file of files) {
    if (!INLINE_IMAGE_TYPES.has(file.mediaType)) continue;
    if (file.size > left || inFlight.held + file.size > VISION_BYTES_IN_FLIGHT) {
      leftOut.push(file.name);
      continue;
    }
    inFlight.held += file.size;
    held += file.size;
    const chunks: Buffer[] = [];
    try {
      for (let index = 0; index * CHUNK_BYTES < file.size; index++) {
        const chunk = await selectChunk(file.contentId, index);
        if (!chunk) break;
        chunks.push(chunk);
      }
    } catch (error) {
      release();
      throw error;
    }
    left -= file.size;
    const url = `data:${file.mediaType};base64,${Buffer.concat(chunks).toString("base64")}`;
    images.push({ name: file.name, url, tokens: imageTokens(file.width, file.height, model) });
  }
  return { images, leftOut, release };
}
