// What an image costs a model's context, counted in the turn's token budget like its text: as the
// provider bills it, by its published rules. Pure.

/** An image whose size is unknown counts as a square of this side. */
const UNKNOWN_SIDE = 1_024;

/** Models billed per 32-pixel patch (at most 1,536 patches), times their multiplier. */
const PATCH_MODELS: [RegExp, number][] = [
  [/^gpt-4\.1-mini/, 1.62],
  [/^gpt-4\.1-nano/, 2.46],
  [/^o4-mini/, 1.72],
  [/^gpt-5-mini/, 1.62],
  [/^gpt-5-nano/, 2.46],
];
/** Tile rules (base, per 512-pixel tile) for "high" detail: gpt-4o-mini's counts many more tokens, each cheaper. */
const MINI_TILES = { base: 2_833, tile: 5_667 };
const TILES = { base: 85, tile: 170 };
const MAX_PATCHES = 1_536;

const side = (value: number | null) => (value && value > 0 ? value : UNKNOWN_SIDE);

function tiles(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2_048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorter = Math.min(1, 768 / Math.min(w, h));
  return Math.ceil((w * shorter) / 512) * Math.ceil((h * shorter) / 512);
}

function patches(width: number, height: number): number {
  const whole = Math.ceil(width / 32) * Math.ceil(height / 32);
  if (whole <= MAX_PATCHES) return whole;
  // Scaled down until its patches fit, as the provider does.
  const scale = Math.sqrt((32 * 32 * MAX_PATCHES) / (width * height));
  return Math.min(MAX_PATCHES, Math.ceil((width * scale) / 32) * Math.ceil((height * scale) / 32));
}

/**
 * An image's tokens for `model` at detail "high" (what "auto" picks for a large image): by 32-pixel
 * patches for the models billed so, else by 512-pixel tiles after scaling to fit 2048×2048 and its
 * shorter side to 768 (OpenAI's rule, which other providers' counts stay near).
 */
export function imageTokens(width: number | null, height: number | null, name = ""): number {
  // A router's name ("openai/gpt-4o-mini") is billed as the model it names.
  const model = name.replace(/^[\w.-]+\//, "");
  const w = side(width);
  const h = side(height);
  const patched = PATCH_MODELS.find(([name]) => name.test(model));
  if (patched) return Math.ceil(patches(w, h) * patched[1]);
  const rule = /^gpt-4o-mini/.test(model) ? MINI_TILES : TILES;
  return rule.base + rule.tile * tiles(w, h);
}
