import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { removeTemporaryDirectories, temporaryDirectory } from "./temp-dir";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server where each test file creates its own database. */
    adminUrl: string;
  }
}

/** Uses DATABASE_URL's server when it is set, otherwise a throwaway embedded PostgreSQL. */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("adminUrl", process.env.DATABASE_URL);
    return;
  }
  const parent = temporaryDirectory("memory-chat-test-");
  const server = await startEmbeddedPostgres({
    dataDir: path.join(parent, "pg"),
    port: 55432,
    database: "postgres",
    persistent: false,
  });
  project.provide("adminUrl", server.url);
  return async () => {
    await server.stop();
    removeTemporaryDirectories();
  };
}
