import "server-only";
import {
  type AttachmentTextRow,
  keepAttachments,
  linkAttachments,
  selectFirstPassages,
  selectMessageTexts,
  selectUnsent,
  selectUnsentTexts,
} from "../db/queries/attachment-queries";
import { env } from "../env";
import { AppError } from "../errors";
import { attachedOnlyText, type NotedAttachment, withAttachmentNote } from "./attachment-note";
import { INLINE_IMAGE_TYPES } from "./attachment-type";
import { documentText } from "./document-prompt";
import { imagesNote } from "./images-note";
import { type PromptImage, promptImages } from "./prompt-images";

/**
 * The files a turn's message `messageId` brings (uploaded to its conversation and not yet sent, or
 * sent with this same message before: a retry), in the order given; refused when there are more than
 * `max` with the `kept` ones of an edit, or one is not there (removed, another conversation's, sent
 * with another message, or swept).
 */
export async function attachmentsForTurn(
  conversationId: string,
  messageId: string,
  ids: string[],
  max: number,
  kept = 0,
): Promise<NotedAttachment[]> {
  if (ids.length + kept > max)
    throw new AppError("TOO_MANY_ATTACHMENTS", `A message can carry at most ${max} files; this one has ${ids.length + kept}.`);
  if (ids.length === 0) return [];
  const found = await selectUnsent(conversationId, ids, messageId);
  if (found.length !== ids.length)
    throw new AppError("ATTACHMENT_NOT_FOUND", "A file attached to this message was removed or expired. Attach it again.");
  return found;
}

/** A message's text, or, when it has none, what was attached. */
export function turnText(text: string, files: NotedAttachment[]): string {
  return text.trim() === "" && files.length > 0 ? attachedOnlyText(files.map((file) => file.name)) : text;
}

/**
 * The files go with the user message just stored: those uploaded for it, and with an edit, those of
 * the edited message it keeps (`kept`).
 */
export async function attachToMessage(
  conversationId: string,
  ids: string[],
  messageId: string,
  kept: { from: string; ids: string[] } | null = null,
): Promise<void> {
  if (kept?.ids.length) await keepAttachments(conversationId, kept.from, kept.ids, messageId);
  if (ids.length > 0) await linkAttachments(conversationId, ids, messageId);
}

/** Passages read for the prompt at most, over all of a message's documents: far more than a budget of tokens holds. */
const PROMPT_PASSAGES = 400;
/** Characters a token may stand for, and more (English prose is about four): what a budget of tokens could hold of a text. */
const MAX_CHARS_PER_TOKEN = 16;

/** The user message as the model reads it: its text, the images it is shown, and the release of what they hold. */
export interface PromptMessage {
  text: string;
  images: PromptImage[];
  release?: () => void;
}

/** The model a message goes to: its name, and whether it sees images (asked only of a message that has some). */
export interface MessageModel {
  name: string;
  seesImages: () => Promise<boolean>;
}

/** For a preview: images are described, never read (their bytes would fill the page). */
export const DESCRIBES_IMAGES: MessageModel = { name: "", seesImages: async () => false };

/**
 * User message `messageId` of the conversation as the model reads it: its text, a note of the files sent with it (a Retry's too),
 * and as much of their text as ATTACHMENT_PROMPT_TOKENS holds, saying what was left out; for a `model`
 * that sees images, its images as image parts within ATTACHMENT_VISION_BYTES, saying which are not.
 */
export async function promptMessage(conversationId: string, messageId: string, text: string, model: MessageModel): Promise<PromptMessage> {
  return withFiles(await selectMessageTexts(conversationId, messageId), text, model);
}

/** A draft as the model would read it sent with the files waiting in the conversation's composer (uploaded, not yet sent). */
export async function draftMessage(conversationId: string, text: string): Promise<PromptMessage> {
  return withFiles(await selectUnsentTexts(conversationId, env().ATTACHMENTS_PER_MESSAGE), text, DESCRIBES_IMAGES);
}

async function withFiles(files: AttachmentTextRow[], text: string, model: MessageModel): Promise<PromptMessage> {
  if (files.length === 0) return { text, images: [] };
  const readable = files.filter((file) => file.textState === "read" && file.passages > 0).map((file) => file.contentId);
  const [read, sent] = await Promise.allSettled([
    readable.length > 0
      ? selectFirstPassages(readable, Math.ceil(PROMPT_PASSAGES / readable.length), env().ATTACHMENT_PROMPT_TOKENS * MAX_CHARS_PER_TOKEN)
      : [],
    // Whether the model sees images is asked only of a message that has some (it may read the endpoint's list).
    (async () =>
      files.some((file) => INLINE_IMAGE_TYPES.has(file.mediaType)) && (await model.seesImages())
        ? promptImages(files, env().ATTACHMENT_VISION_BYTES, model.name)
        : { images: [], leftOut: [], release: () => {} })(),
  ]);
  // Images read while the passages failed are let go at once: nobody else would.
  if (read.status === "rejected") {
    if (sent.status === "fulfilled") sent.value.release();
    throw read.reason;
  }
  if (sent.status === "rejected") throw sent.reason;
  const passages = read.value;
  const shown = sent.value;
  const documents = [
    documentText(files, passages, env().ATTACHMENT_PROMPT_TOKENS),
    imagesNote(
      shown.images.map((image) => image.name),
      shown.leftOut,
    ),
  ].filter(Boolean);
  return { text: withAttachmentNote(text, files, documents.join("\n\n")), images: shown.images, release: shown.release };
}
