import { describe, expect, it } from "vitest";
import { classifyModelError } from "@/lib/ai/classify-model-error";
import { endpointOf } from "@/lib/ai/model";

describe("a model that cannot be reached", () => {
  it("is named by host and port, never by its key or path", () => {
    expect(endpointOf("http://localhost:11434/v1")).toBe("localhost:11434");
    expect(endpointOf("https://user:secret@models.example.com/v1?key=abc")).toBe("models.example.com:443");
    expect(endpointOf(undefined)).toBe("api.openai.com:443");
    expect(endpointOf("not a url")).toBe("the configured OPENAI_BASE_URL");
  });

  it("says where it was asked, in the error the client shows", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:11434"), { name: "APIConnectionError" });
    const error = classifyModelError(refused, false, "localhost:11434");
    expect(error).toMatchObject({ code: "MODEL_UNAVAILABLE", status: 502 });
    expect(error.message).toBe("The model at localhost:11434 could not be reached or failed. Try again.");
    expect(classifyModelError(refused, false).message).toBe("The model could not be reached or failed. Try again.");
  });
});
