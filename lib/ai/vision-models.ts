import "server-only";
import { env } from "../env";
import { endpointModels, offeredModels } from "./offered-models";

/** A name in OPENAI_VISION_MODELS: itself, or with a trailing * any name it starts. */
export function matchesVisionList(model: string, list: string[]): boolean {
  return list.some((entry) => (entry.endsWith("*") ? model.startsWith(entry.slice(0, -1)) : model === entry));
}

/**
 * Whether `model` is sent images as image parts: named by OPENAI_VISION_MODELS, or, when the models
 * offered are the endpoint's (OPENAI_MODELS unset), listed by it as taking images. The offline model reads none: it is told what each image is.
 */
export async function seesImages(model: string): Promise<boolean> {
  const config = env();
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return false;
  if (matchesVisionList(model, config.OPENAI_VISION_MODELS)) return true;
  // The endpoint's list is read only where the picker reads it anyway (OPENAI_MODELS unset).
  return config.OPENAI_MODELS.length === 0 && (await endpointModels()).seeing.has(model);
}

/** The offered models that see images: the composer warns before an image goes to any other. */
export async function imageModels(): Promise<string[]> {
  const offered = await offeredModels();
  const seeing = await Promise.all(offered.map(seesImages));
  return offered.filter((_, index) => seeing[index]);
}
