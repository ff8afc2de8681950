// The prompt's section of passages recalled from files sent earlier in the conversation: each line
// says the file, its page and the message that sent it. Pure.
import { countTokens } from "../memory/tokens";

export const FILES_HEADING = "From files sent earlier in this conversation (file, page, the message that sent it):";

export interface FileLine {
  name: string;
  page: number | null;
  /** The message that sent the file. */
  seq: number;
  text: string;
}

const lineOf = (line: FileLine) =>
  `- ${line.name}${line.page ? `, page ${line.page}` : ""} (#${line.seq}): ${line.text.replace(/\s*\n\s*/g, " ")}`;

export function filesSection(lines: FileLine[]): string {
  return `${FILES_HEADING}\n${lines.map(lineOf).join("\n")}`;
}

/**
 * The best of `found` (best first) whose section fits `budgetTokens`, heading included, in the order
 * a reader expects: by the message that sent them, then by page.
 */
export function chooseFileLines(found: FileLine[], budgetTokens: number): FileLine[] {
  let left = budgetTokens - countTokens(FILES_HEADING) - 1;
  const chosen: FileLine[] = [];
  for (const line of found) {
    const cost = countTokens(lineOf(line)) + 1;
    if (cost > left) continue;
    left -= cost;
    chosen.push(line);
  }
  return chosen.sort((a, b) => a.seq - b.seq || (a.page ?? 0) - (b.page ?? 0));
}

/** The lines of a files section read back (the offline model answers from them). */
export function readFilesSection(section: string): { name: string; page: number | null; text: string }[] {
  if (!section.startsWith(FILES_HEADING)) return [];
  return section
    .slice(FILES_HEADING.length + 1)
    .split("\n")
    .flatMap((line) => {
      const match = /^- (.+?)(?:, page (\d+))? \(#\d+\): (.*)$/.exec(line);
      return match ? [{ name: match[1], page: match[2] ? Number(match[2]) : null, text: match[3] }] : [];
    });
}
