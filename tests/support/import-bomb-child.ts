// Sends each parse bomb through the import route in a process of its own, with a 1 GB heap as a small
// instance has: DATABASE_URL=… node --max-old-space-size=1024 --conditions=react-server --import tsx tests/support/import-bomb-child.ts
// Prints one JSON line per bomb; a bomb that exhausts the heap kills the process instead.
import { BOMBS, errorOf, postImport } from "./import-streams";

for (const [name, bomb] of Object.entries(BOMBS)) {
  const body = bomb();
  const rssBefore = process.memoryUsage.rss();
  const response = await postImport(body.stream);
  const answeredAt = performance.now();
  const rssGrowthMb = (process.memoryUsage.rss() - rssBefore) / 1_048_576;
  const { status, code } = await errorOf(response);
  console.log(JSON.stringify({ name, status, code, afterLastByteMs: answeredAt - (body.endedAt() ?? answeredAt), rssGrowthMb }));
}
process.exit(0);
