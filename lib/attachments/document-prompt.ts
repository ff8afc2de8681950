// What the prompt of the turn that carries files says of their text: each document's passages, in
// order, while the budget for attached files lasts, and what was left out or could not be read. Pure.
import { countTokens } from "../memory/tokens";

export interface DocumentFile {
  contentId: string;
  name: string;
  /** read, none (an image), scanned, failed, pending or reading. */
  textState: string;
  /** How many passages its text has (`passages` given may be only the first of them). */
  passages: number;
}

export interface DocumentPassage {
  contentId: string;
  ordinal: number;
  page: number | null;
  text: string;
}

/**
 * The documents' text as the prompt carries it, within `budgetTokens` over all of them: a file's
 * passages under "Text of <name>:", each page marked, then what was left out; a file without text
 * (a scan, a failure, one still being read) says so. Empty when there is nothing to say.
 */
export function documentText(files: DocumentFile[], passages: DocumentPassage[], budgetTokens: number): string {
  let left = budgetTokens;
  const parts: string[] = [];
  for (const file of files) {
    if (file.textState === "scanned") parts.push(`(${file.name} has no text layer, as a scan: its text could not be read.)`);
    else if (file.textState === "failed") parts.push(`(${file.name} could not be read.)`);
    else if (file.textState === "pending" || file.textState === "reading")
      parts.push(`(${file.name} is still being read: its text is not here.)`);
    if (file.textState !== "read") continue;
    const own = passages.filter((passage) => passage.contentId === file.contentId);
    const lines: string[] = [];
    let page: number | null = null;
    let taken = 0;
    for (const passage of own) {
      const marker = passage.page !== null && passage.page !== page ? `[page ${passage.page}]\n` : "";
      const cost = countTokens(marker + passage.text) + 1;
      if (cost > left) break;
      left -= cost;
      lines.push(marker + passage.text);
      page = passage.page ?? page;
      taken++;
    }
    if (lines.length > 0) parts.push(`Text of ${file.name}:\n${lines.join("\n\n")}`);
    if (file.passages === 0) parts.push(`(${file.name} holds no text.)`);
    else if (taken < file.passages) {
      const from = own[taken]?.page;
      const rest = `${file.passages - taken} of its ${file.passages} passages${from ? `, from page ${from} on,` : ""}`;
      parts.push(`(${file.name}: ${rest} are left out, over the prompt's budget for attached files.)`);
    }
  }
  return parts.join("\n\n");
}
