// After `next build`: the standalone server (.next/standalone/server.js) serves only what is copied
// beside it, so the client's static files and public/ go there, as Next.js's own Docker example does.
import { cpSync, existsSync } from "node:fs";

cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });
