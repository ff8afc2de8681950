import { everyLimitAt } from "../lib/limits/limit-variables";
import { freshDatabase } from "./harness";

const database = await freshDatabase();
Object.assign(process.env, { DATABASE_URL: database.url, OFFLINE_MODEL_DELAY_MS: "0", ...everyLimitAt("0") });
const { POST: importRoute } = await import("../app/api/conversations/import/route");
const { chatBody, postChat } = await import("../tests/support/chat");
const { pool } = await import("../lib/db/client");
const HUGE = "字".repeat(100_000);
const transcript = {
  title: "Edit bomb",
  messages: [
    { role: "user", content: "I am Dan." },
    ...Array.from({ length: 30 }, () => ({ role: "assistant", content: HUGE })),
    ...Array.from({ length: 31 }, (_, i) => [
      { role: "user", content: `question number ${i}` },
      { role: "assistant", content: `answer ${i}` },
    ]).flat(),
  ],
};
const response = await importRoute(
  new Request("http://localhost/api/conversations/import", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.9" },
    body: JSON.stringify(transcript),
  }),
);
const id = ((await response.json()) as { conversations: { id: string }[] }).conversations[0].id;
const users = (
  await pool().query<{ id: string }>(`SELECT id FROM "Message" WHERE "conversationId" = $1 AND role = 'user' ORDER BY seq DESC`, [id])
).rows;
// Long tasks: a timer every 5 ms notes gaps.
let last = performance.now();
const gaps: number[] = [];
const timer = setInterval(() => {
  const now = performance.now();
  if (now - last > 30) gaps.push(Math.round(now - last));
  last = now;
}, 5);
for (const [n, edit] of users.slice(0, 6).entries()) {
  const s = performance.now();
  const turn = await postChat({ ...chatBody(id, "edited"), edit: edit.id }, { headers: { "x-forwarded-for": `203.0.${n}.1` } });
  await turn.text();
  console.log("edit", n, Math.round(performance.now() - s), "ms");
}
clearInterval(timer);
console.log("gaps >30ms:", gaps.join(", "));
await database.stop();
process.exit(0);
