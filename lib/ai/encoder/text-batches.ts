/**
 * Texts the encoder runs through its model together, at most this many characters (a longer text
 * alone): the model pads a batch to its longest text, its WebAssembly memory grows to the largest
 * batch and never shrinks, and a question waits for the batch being encoded. One long message, or
 * several short ones, at a time was also the fastest (1.5 s for 32 messages of which 8 long, against
 * 2.2 s at once).
 */
export const BATCH_CHARS = 2_000;

/** `texts` in consecutive groups of at most `maxChars` characters, a longer text alone; none empty. */
export function textBatches(texts: string[], maxChars = BATCH_CHARS): string[][] {
  const batches: string[][] = [];
  let chars = 0;
  for (const text of texts) {
    const last = batches.at(-1);
    if (last && chars + text.length <= maxChars) {
      last.push(text);
      chars += text.length;
    } else {
      batches.push([text]);
      chars = text.length;
    }
  }
  return batches;
}
