// What an image costs a model's context, counted in the turn's token budget like its text. Pure.

/** An image whose size is unknown counts as a square of this side. */
const UNKNOWN_SIDE = 1_024;

/**
 * OpenAI's published rule for detail "high", the most any provider we know charges: the image
 * scaled to fit 2048×2048, then its shorter side to 768; 170 tokens for each 512-pixel tile, plus 85.
 */
export function imageTokens(width: number | null, height: number | null): number {
  let w = width && width > 0 ? width : UNKNOWN_SIDE;
  let h = height && height > 0 ? height : UNKNOWN_SIDE;
  const fit = Math.min(1, 2_048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorter = Math.min(1, 768 / Math.min(w, h));
  w *= shorter;
  h *= shorter;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}
