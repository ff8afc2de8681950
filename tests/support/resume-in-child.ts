// Loads a conversation and runs one more turn in a fresh process, to prove nothing lives in memory.
import { getConversation } from "../../app/actions/conversations";
import { sendTurn } from "./chat";

const id = process.argv[2];
const page = await getConversation({ id, limit: 50 });
if (!page.ok) throw new Error(page.error.message);
const turn = await sendTurn(id, "Do you remember me?");
console.log(JSON.stringify({ loaded: page.data.messages.length, reply: turn.text }));
process.exit(0);
