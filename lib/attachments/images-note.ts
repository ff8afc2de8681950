// What the prompt of a turn that shows a model its images says of them. Pure.

/** Which images follow the message as image parts, and which the turn's budget for images left out. */
export function imagesNote(shown: string[], leftOut: string[]): string {
  const lines: string[] = [];
  if (shown.length > 0) lines.push(`(Shown to you as images below: ${shown.join(", ")}.)`);
  if (leftOut.length > 0) lines.push(`(Not shown to you, over the size of images a message may send: ${leftOut.join(", ")}.)`);
  return lines.join("\n");
}
