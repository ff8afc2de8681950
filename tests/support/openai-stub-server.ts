// The OpenAI-compatible stub as a process, for the end-to-end suite: tsx tests/support/openai-stub-server.ts <port>
import { startOpenAIStub } from "./openai-stub";

const stub = await startOpenAIStub(Number(process.argv[2] ?? 3199));
console.log(`OpenAI-compatible stub at ${stub.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stub.close().then(() => process.exit(0)));
}
