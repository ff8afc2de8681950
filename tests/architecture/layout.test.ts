import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The layout rules of lib/ (docs/architecture.md), checked so they cannot erode unnoticed.
const LIB = path.resolve("lib");
const GENERATED = path.join(LIB, "db", "generated");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === GENERATED ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(LIB);
const relative = (file: string) => path.relative(process.cwd(), file);

/** Every exported declaration's name in a file: functions, classes, types, interfaces, constants. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) names.push(declaration.name.getText(source));
    } else if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
      names.push((statement.name as ts.Identifier).text);
    }
  }
  return names;
}

function duplicates(entries: [string, string][]): Record<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const [key, where] of entries) byKey.set(key, [...(byKey.get(key) ?? []), where]);
  return Object.fromEntries([...byKey].filter(([, places]) => places.length > 1));
}

describe("lib/", () => {
  it("has no two files with the same name", () => {
    expect(duplicates(files.map((file) => [path.basename(file), relative(file)]))).toEqual({});
  });

  it("has no two exported functions, types or constants with the same name", () => {
    // A value and its inferred type may share a name, as zod schemas' output types do not; nothing else may.
    const entries = files.flatMap((file) => [...new Set(exportedNames(file))].map((name): [string, string] => [name, relative(file)]));
    expect(entries.length).toBeGreaterThan(100);
    expect(duplicates(entries)).toEqual({});
  });

  it("keeps SQL in lib/db: every statement of the app in lib/db/queries, one module per aggregate", () => {
    const outside = files.filter(
      (file) =>
        !file.startsWith(path.join(LIB, "db")) && /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+["a-z]/.test(readFileSync(file, "utf8")),
    );
    expect(outside.map(relative)).toEqual([]);
    expect(readdirSync(path.join(LIB, "db", "queries")).sort()).toEqual([
      "attachment-queries.ts",
      "branch-queries.ts",
      "conversation-queries.ts",
      "event-queries.ts",
      "limit-queries.ts",
      "memory-queries.ts",
      "message-queries.ts",
      "other-chats-queries.ts",
      "recall-queries.ts",
      "saved-memory-queries.ts",
      "share-queries.ts",
    ]);
  });

  it("adds messages and changes their status only in message-queries.ts, and announces changes only from SQL", () => {
    // Statements are template literals; recall-queries.ts may update a message's recall vector, nothing else.
    const statements = (file: string) => readFileSync(file, "utf8").split("`");
    const writesMessages = (sql: string) =>
      /INSERT INTO "Message"/.test(sql) || (/UPDATE "Message"/.test(sql) && /SET[^;]*"status"\s*=/.test(sql));
    const writers = files.filter((file) => statements(file).some(writesMessages));
    expect(writers.map(relative)).toEqual(["lib/db/queries/message-queries.ts"]);
    const updaters = files.filter((file) => /UPDATE "Message"/.test(readFileSync(file, "utf8")));
    expect(updaters.map(relative)).toEqual(["lib/db/queries/message-queries.ts", "lib/db/queries/recall-queries.ts"]);
    const notifiers = files.filter((file) => /pg_notify|NOTIFY /.test(readFileSync(file, "utf8")));
    expect(notifiers.map(relative)).toEqual(["lib/db/queries/event-queries.ts"]);
  });

  it("marks every app module that uses the database or the model as server-only", () => {
    // Tooling that scripts run outside Next.js (embedded PostgreSQL, migrations) is exempt.
    const tooling = [path.join(LIB, "db", "embedded.ts"), path.join(LIB, "db", "provision.ts"), path.join(LIB, "db", "migrations")];
    const needing = files.filter((file) => {
      const text = readFileSync(file, "utf8");
      const uses = /^import (?!type )[^;]*from "(pg|(\.\.?\/)+(db\/)?(client|transaction|queries\/[a-z-]+|model|ai\/model))";/m.test(text);
      return uses && !tooling.some((exempt) => file.startsWith(exempt));
    });
    expect(needing.length).toBeGreaterThan(10);
    const unmarked = needing.filter((file) => !readFileSync(file, "utf8").includes('import "server-only"'));
    expect(unmarked.map(relative)).toEqual([]);
  });
});
