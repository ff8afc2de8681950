import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("configuration", () => {
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

  it("rejects limits out of range", () => {
    expect(() => parseEnv({ MEMORY_MAX_BYTES: "10" })).toThrow(EnvError);
    expect(() => parseEnv({ OFFLINE_MODEL_DELAY_MS: "-1" })).toThrow(EnvError);
  });
});
