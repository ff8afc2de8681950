import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageTokens } from "@/lib/attachments/image-tokens";
import { visionBytesHeld } from "@/lib/attachments/prompt-images";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";
import { jpegWithExif, pngWithMetadata } from "../support/sample-files";

// A real ChatOpenAI against the stub: stub-default is named by OPENAI_VISION_MODELS, stub-large says in
// the endpoint's list that it takes images, stub-small neither.
setUpAppDatabase({
  OPENAI_MAX_RETRIES: "0",
  OPENAI_TIMEOUT_MS: "2000",
  OPENAI_MODEL: "stub-default",
  OPENAI_VISION_MODELS: "stub-def*",
  // The images of one message, in bytes: the small test images fit, a 300-pixel PNG does not.
  ATTACHMENT_VISION_BYTES: "1000",
});
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub(0, 0);
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

type Part = { type: string; text?: string; image_url?: { url: string } };
/** The user message of the last reply the stub was asked for. */
function lastAsked(): { text: string; images: string[] } {
  const reply = stub.requests.findLast(({ body }) => body.stream);
  const messages = (reply?.body.messages ?? []) as { role: string; content: string | Part[] }[];
  const content = messages.findLast((message) => message.role === "user")?.content ?? "";
  if (typeof content === "string") return { text: content, images: [] };
  return {
    text: content.flatMap((part) => (part.type === "text" ? [part.text ?? ""] : [])).join(""),
    images: content.flatMap((part) => (part.type === "image_url" ? [part.image_url?.url ?? ""] : [])),
  };
}

async function sendImages(model: string | undefined, files: [string, Buffer][]): Promise<void> {
  const id = randomUUID();
  const attached = [];
  for (const [name, bytes] of files) attached.push((await attach(id, name, bytes)).id);
  const turn = await readTurn(await postChat({ ...chatBody(id, "What is in these?"), attachments: attached, ...(model && { model }) }));
  await settleRuns();
  expect(turn.status).toBe(200);
}

describe("images sent to a model that sees them", () => {
  it("lists as seeing images the models OPENAI_VISION_MODELS names and those the endpoint says take images", async () => {
    const { imageModels } = await import("@/lib/ai/vision-models");
    expect(await imageModels()).toEqual(["stub-default", "stub-large"]);
  });

  it("sends each image as an image part of its stripped bytes, and says so in the message", async () => {
    const photo = jpegWithExif(64, 48);
    await sendImages(undefined, [
      ["photo.jpg", photo],
      ["notes.txt", Buffer.from("Shopping list.")],
    ]);
    const asked = lastAsked();
    expect(asked.images).toHaveLength(1);
    const sent = Buffer.from(asked.images[0].replace(/^data:image\/jpeg;base64,/, ""), "base64");
    expect(asked.images[0].startsWith("data:image/jpeg;base64,")).toBe(true);
    // What the model sees is what was stored: the photo without its location.
    expect(sent.includes(Buffer.from("Exif"))).toBe(false);
    expect(sent.length).toBeLessThan(photo.length);
    expect(asked.text).toContain("(Shown to you as images below: photo.jpg.)");
    expect(asked.text).toContain("notes.txt");

    // The endpoint's list says stub-large takes images.
    await sendImages("stub-large", [["chart.png", pngWithMetadata(8, 8)]]);
    expect(lastAsked().images).toHaveLength(1);
    // Once the replies are done, their images are let go.
    expect(visionBytesHeld()).toBe(0);
  });

  it("sends no image part to a model that does not see images, which is told what each image is", async () => {
    await sendImages("stub-small", [["chart.png", pngWithMetadata(8, 8)]]);
    const asked = lastAsked();
    expect(asked.images).toEqual([]);
    expect(asked.text).toMatch(/chart\.png \(PNG image, .*8×8/);
  });

  it("sends images within ATTACHMENT_VISION_BYTES, and names those left out", async () => {
    await sendImages(undefined, [
      ["large.png", pngWithMetadata(300, 300)],
      ["small.png", pngWithMetadata(8, 8)],
    ]);
    const asked = lastAsked();
    expect(asked.images).toHaveLength(1);
    expect(asked.text).toContain("(Shown to you as images below: small.png.)");
    expect(asked.text).toContain("(Not shown to you, over the size of images a message may send: large.png.)");
  });
});

describe("imageTokens", () => {
  it("counts as the providers' published examples do, model by model", () => {
    expect(imageTokens(1024, 1024, "gpt-4o")).toBe(765);
    expect(imageTokens(2048, 4096, "gpt-4o")).toBe(1105);
    expect(imageTokens(null, null, "llava")).toBe(765);
    // gpt-4o-mini counts its tiles at 5,667 tokens each.
    expect(imageTokens(1024, 1024, "gpt-4o-mini")).toBe(2_833 + 4 * 5_667);
    // Patch models: 1024×1024 is 1,024 patches; 1800×2400 is scaled down to at most 1,536.
    expect(imageTokens(1024, 1024, "gpt-4.1-mini")).toBe(Math.ceil(1_024 * 1.62));
    // A router's name counts as the model it names.
    expect(imageTokens(1024, 1024, "openai/gpt-4o-mini")).toBe(2_833 + 4 * 5_667);
    expect(imageTokens(1800, 2400, "gpt-4.1-nano")).toBeLessThanOrEqual(Math.ceil(1_536 * 2.46));
  });

  it("is 85 plus 170 a tile, from one tile to eight, whatever the size; a patch model's at most 1,536 patches", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (width, height) => {
        const tokens = imageTokens(width, height, "gpt-4o");
        expect((tokens - 85) % 170).toBe(0);
        expect(tokens).toBeGreaterThanOrEqual(255);
        expect(tokens).toBeLessThanOrEqual(1445);
        const patched = imageTokens(width, height, "o4-mini");
        expect(patched).toBeGreaterThanOrEqual(1);
        expect(patched).toBeLessThanOrEqual(Math.ceil(1_536 * 1.72));
      }),
    );
  });
});
