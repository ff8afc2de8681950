// The lines a prompt's user message carries about the files sent with it, and their reading back
// (the offline model describes what it received). Pure.
import { typeLabel } from "./attachment-type";

/** The heading of the note, on a line of its own after the message's text. */
export const ATTACHMENT_NOTE_HEADING = "Files attached to this message:";

export interface NotedAttachment {
  name: string;
  mediaType: string;
  size: number;
  width: number | null;
  height: number | null;
  /** A PDF's pages, once read. */
  pages?: number | null;
  /** Passages its text was read into, once read. */
  passages?: number;
}

/** "1.2 MB", "85 KB", "912 bytes". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1_048_576) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
}

/** One file as the note and the offline model say it: "photo.jpg (JPEG image, 640×480 pixels, 85 KB)". */
export function describeAttachment(file: NotedAttachment): string {
  const pixels = file.width && file.height ? `, ${file.width}×${file.height} pixels` : "";
  const pages = file.pages ? `, ${file.pages} page${file.pages === 1 ? "" : "s"}` : "";
  const passages = file.passages ? `, ${file.passages} passage${file.passages === 1 ? "" : "s"} of text` : "";
  return `${file.name} (${typeLabel(file.mediaType)}${pixels}${pages}, ${fileSize(file.size)}${passages})`;
}

/** The message's text with the note after it (and `documents`, their text, after that); the text alone when nothing was attached. */
export function withAttachmentNote(text: string, files: NotedAttachment[], documents = ""): string {
  if (files.length === 0) return text;
  const note = `${text}\n\n${ATTACHMENT_NOTE_HEADING}\n${files.map((file) => `- ${describeAttachment(file)}`).join("\n")}`;
  return documents ? `${note}\n\n${documents}` : note;
}

/** A prompt's user message split back into its text and the descriptions its note lists. */
export function readAttachmentNote(message: string): { text: string; files: string[] } {
  const at = message.lastIndexOf(`\n\n${ATTACHMENT_NOTE_HEADING}\n`);
  if (at < 0) return { text: message, files: [] };
  // The list ends at the first blank line: the documents' text may follow.
  const list = message.slice(at + ATTACHMENT_NOTE_HEADING.length + 3).split("\n\n")[0];
  const files = list
    .split("\n")
    .filter((line) => line.startsWith("- "))
    .map((line) => line.slice(2));
  return { text: message.slice(0, at), files };
}

/** What a message sent with files and no words says, so that it reads in the conversation, its title and memory. */
export function attachedOnlyText(names: string[]): string {
  return `Attached: ${names.join(", ")}`;
}
