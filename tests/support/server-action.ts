import { readFileSync } from "node:fs";

/** The id Next.js gave the server action exported as `name`, from the build's manifest (`npm run build` made it). */
export function serverActionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action ${name} in the build`);
  return id;
}

/** Calls a server action over HTTP as the browser does, from `page` of the app at `base`: the response's status and body. */
export async function postServerAction(
  base: string,
  id: string,
  argument: unknown,
  page = "/",
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${page}`, {
    method: "POST",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: base, ...headers },
    body: JSON.stringify([argument]),
  });
  return { status: response.status, body: await response.text() };
}
