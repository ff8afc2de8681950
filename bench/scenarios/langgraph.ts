// Scenario 3: persisting the same 200-turn conversations through LangGraph's PostgresSaver (one node,
// a messages channel) and through this project, on the same database server.
import { randomUUID } from "node:crypto";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { appModules, median, metric, runScenario, timed } from "../harness";

const TURNS = 200;
const reply = "Here is a reply of typical length. ".repeat(8);
const question = (turn: number) => `Question ${turn}: how does plan ${turn % 7} compare for a team of ${turn % 50} people?`;

await runScenario(async ({ quick, database }) => {
  const { beginTurn, finishTurn, foldWindow, chatModel, memoryLimits, extractOffline } = await appModules();
  const conversations = quick ? 3 : 10;

  const checkpointer = PostgresSaver.fromConnString(database.url);
  await checkpointer.setup();
  const graph = new StateGraph(MessagesAnnotation)
    .addNode("reply", async () => ({ messages: [new AIMessage(reply)] }))
    .addEdge(START, "reply")
    .addEdge("reply", END)
    .compile({ checkpointer });

  const ours: number[][] = Array.from({ length: TURNS }, () => []);
  const theirs: number[][] = Array.from({ length: TURNS }, () => []);
  for (let c = 0; c < conversations; c++) {
    const id = randomUUID();
    const thread = randomUUID();
    for (let turn = 0; turn < TURNS; turn++) {
      const text = question(turn);
      const [ourMs] = await timed(async () => {
        const begun = await beginTurn(id, randomUUID(), text);
        await finishTurn(begun, { text: reply, status: "complete", extraction: extractOffline(text) }, memoryLimits().maxBytes);
        // Keeping memory bounded is part of this project's persistence cost, so it is timed here too.
        await foldWindow(id, chatModel(), memoryLimits(), "bench");
      });
      const [theirMs] = await timed(() => graph.invoke({ messages: [new HumanMessage(text)] }, { configurable: { thread_id: thread } }));
      ours[turn].push(ourMs);
      theirs[turn].push(theirMs);
    }
  }
  await checkpointer.end();

  const around = (times: number[][], turn: number) => median(times.slice(turn - 5, turn).flat());
  // Compare live data: dead row versions from updates are reclaimed by (auto)vacuum in both designs.
  await database.query(`VACUUM FULL "Conversation", "Message", checkpoints, checkpoint_blobs, checkpoint_writes`);
  const size = async (tables: string[]) =>
    Number(
      (
        await database.query<{ bytes: string }>(
          `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
           WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
          [tables],
        )
      )[0].bytes,
    );
  const ourBytes = await size(["Conversation", "Message"]);
  const theirBytes = await size(["checkpoints", "checkpoint_blobs", "checkpoint_writes"]);
  const conditions = {
    conversations,
    turns: TURNS,
    replyChars: reply.length,
    window: "median of the 5 turns ending there",
    bytes: "tables with indexes and TOAST, after VACUUM FULL",
  };
  const [ours10, ours200, theirs10, theirs200] = [around(ours, 10), around(ours, 200), around(theirs, 10), around(theirs, 200)];
  return [
    metric("3 vs LangGraph", "project per turn at turn 10", ours10, "ms", conditions),
    metric("3 vs LangGraph", "LangGraph PostgresSaver per turn at turn 10", theirs10, "ms", conditions),
    metric("3 vs LangGraph", "project per turn at turn 200", ours200, "ms", conditions),
    metric("3 vs LangGraph", "LangGraph PostgresSaver per turn at turn 200", theirs200, "ms", conditions),
    metric("3 vs LangGraph", "speed-up at turn 200 (LangGraph / project)", theirs200 / ours200, "x", conditions, { op: ">=", value: 3 }),
    metric("3 vs LangGraph", "project bytes stored", ourBytes, "bytes", conditions),
    metric("3 vs LangGraph", "LangGraph bytes stored", theirBytes, "bytes", conditions),
    metric("3 vs LangGraph", "storage saving (LangGraph / project)", theirBytes / ourBytes, "x", conditions, { op: ">=", value: 10 }),
  ];
});
