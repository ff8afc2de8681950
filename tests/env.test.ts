import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, envSchema, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("is listed whole in .env.example, each default as the app has it", () => {
    const lines = readFileSync(".env.example", "utf8").split("\n");
    const set = new Map(lines.flatMap((line) => (/^[A-Z_]+=/.test(line) ? [line.split("=", 2) as [string, string]] : [])));
    const defaults = parseEnv({});
    for (const name of Object.keys(envSchema.shape)) {
      expect(
        lines.some((line) => line.startsWith(`${name}=`) || line.startsWith(`# ${name}=`)),
        name,
      ).toBe(true);
      if (set.has(name)) expect(set.get(name), name).toBe(String(defaults[name as keyof typeof defaults]));
    }
    expect(parseEnv(Object.fromEntries(set))).toEqual(defaults);
  });

  it("has working defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENAI_MODEL).toBe("gpt-4o-mini");
    expect(env.MEMORY_MAX_BYTES).toBe(65_536);
    expect(env.MESSAGE_MAX_CHARS).toBe(16_000);
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", OPENAI_API_KEY: "", OFFLINE_MODEL_DELAY_MS: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.OFFLINE_MODEL_DELAY_MS).toBe(15);
  });

  it("parses numbers and URLs", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u:p@db.internal:5433/chat",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OFFLINE_MODEL_DELAY_MS: "0",
    });
    expect(env.DATABASE_URL).toBe("postgresql://u:p@db.internal:5433/chat");
    expect(env.OPENAI_BASE_URL).toBe("http://localhost:11434/v1");
    expect(env.OFFLINE_MODEL_DELAY_MS).toBe(0);
  });

  it("reads the offered models as a list, comma- or space-separated, and bounds it", () => {
    expect(parseEnv({}).OPENAI_MODELS).toEqual([]);
    expect(parseEnv({ OPENAI_MODELS: " gpt-4o-mini, gpt-4o  o3-mini," }).OPENAI_MODELS).toEqual(["gpt-4o-mini", "gpt-4o", "o3-mini"]);
    expect(() => parseEnv({ OPENAI_MODELS: Array.from({ length: 101 }, (_, i) => `m${i}`).join(",") })).toThrow(EnvError);
  });

  it("names every bad variable in one clear error", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://x", MEMORY_MAX_BYTES: "lots", OPENAI_BASE_URL: "localhost:1234" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(message).toContain("MEMORY_MAX_BYTES");
    expect(message).toContain("OPENAI_BASE_URL: must be an http:// or https:// URL");
    expect((error as EnvError).issues).toHaveLength(3);
  });

  it("refuses settings that would be ignored in silence, saying what to set instead", () => {
    expect(() => parseEnv({ MEMORY_RECALL_TOKENS: "0" })).toThrow(/MEMORY_RECALL_TOKENS: replaced by MEMORY_PROMPT_TOKENS/);
    expect(() => parseEnv({ MEMORY_EMBEDDINGS: "endpoint" })).toThrow(/endpoint needs OPENAI_EMBEDDING_MODEL/);
    expect(parseEnv({ MEMORY_EMBEDDINGS: "endpoint", OPENAI_EMBEDDING_MODEL: "text-embedding-3-small" }).MEMORY_EMBEDDINGS).toBe(
      "endpoint",
    );
    expect(parseEnv({}).MEMORY_EMBEDDINGS).toBeUndefined();
  });

  it("rejects limits out of range", () => {
    expect(() => parseEnv({ MEMORY_MAX_BYTES: "10" })).toThrow(EnvError);
    expect(() => parseEnv({ OFFLINE_MODEL_DELAY_MS: "-1" })).toThrow(EnvError);
  });

  it("has abuse limits on by default, and 0 turns one off", () => {
    const env = parseEnv({});
    expect(env.LIMIT_TURNS_PER_MINUTE_PER_CLIENT).toBe(20);
    expect(env.OPENAI_MAX_OUTPUT_TOKENS).toBe(1_024);
    expect(env.OPENAI_MAX_RETRIES).toBe(0);
    expect(env.TRUST_PROXY_HOPS).toBe(0);
    expect(parseEnv({ LIMIT_TURNS_PER_MINUTE: "0" }).LIMIT_TURNS_PER_MINUTE).toBe(0);
    expect(() => parseEnv({ LIMIT_LIVE_REPLIES: "-1" })).toThrow(EnvError);
  });

  it("accepts only plain origins as frame ancestors: nothing that could smuggle another directive", () => {
    expect(parseEnv({ FRAME_ANCESTORS: "https://a.example.com http://127.0.0.1:8080" }).FRAME_ANCESTORS).toBe(
      "https://a.example.com http://127.0.0.1:8080",
    );
    expect(parseEnv({}).FRAME_ANCESTORS).toBeUndefined();
    for (const bad of ["*", "https://a.example.com; script-src *", "'self'", "javascript:alert(1)", "https://a.example.com/path"]) {
      expect(() => parseEnv({ FRAME_ANCESTORS: bad }), bad).toThrow(EnvError);
    }
  });
});
