// The SQL migrations are hand-written and prisma/schema.prisma is kept "in step" by hand; this test
// makes drift between the two visible. It migrates a fresh database with the project's runner and
// compares it with the model of the generated Prisma client, aspect by aspect, as plain text, so
// a failure's diff names the table, column or index and both sides of the disagreement.
import { readFileSync } from "node:fs";
import type { DMMF } from "@prisma/client/runtime/client";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrations/runner";
import { createTestDatabase, withClient } from "../support/database";
import { readGeneratedModel } from "../support/generated-prisma-model";

/** Indexes the migrations create although the Prisma schema cannot declare them. */
const INDEXES_PRISMA_CANNOT_EXPRESS: Record<string, { definition: string; reason: string }> = {
  Message_streaming_idx: {
    definition: `INDEX ON Message (conversationId) USING btree WHERE (status = 'streaming'::"MessageStatus")`,
    reason: "partial index from migration 013 for crash recovery; Prisma has no syntax for WHERE on an index",
  },
  Attachment_unsent_idx: {
    definition: `INDEX ON Attachment (createdAt) USING btree WHERE ("messageId" IS NULL)`,
    reason: "partial index from migration 026: uploads never sent, for the sweep",
  },
  AttachmentContent_unsealed_idx: {
    definition: `INDEX ON AttachmentContent (createdAt) USING btree WHERE (sha256 IS NULL)`,
    reason: "partial index from migration 026: uploads that never finished, for the sweep",
  },
  AttachmentContent_unread_idx: {
    definition: `INDEX ON AttachmentContent (createdAt) USING btree WHERE ("textState" = 'pending'::text)`,
    reason: "partial index from migration 026: files whose text waits to be read",
  },
  AttachmentPassage_unembedded_idx: {
    definition: `INDEX ON AttachmentPassage (contentId) USING btree WHERE (embedding IS NULL)`,
    reason: "partial index from migration 027: passages without a vector, for the sweep",
  },
};

/** Prisma's own bookkeeping, not part of the application schema. */
const IGNORED_TABLES = ["_prisma_migrations"];

/** One line of text per table column, index, foreign key and enum, keyed by name. */
interface SchemaDescription {
  tables: string[];
  columns: Record<string, string>;
  indexes: Record<string, string>;
  foreignKeys: Record<string, string>;
  enums: Record<string, string[]>;
}

describe("the migrated database matches the generated Prisma client's model", () => {
  let database: SchemaDescription;
  let prisma: SchemaDescription;
  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate({ databaseUrl: url });
    database = await describeDatabase(url);
    prisma = describePrismaModel(readGeneratedModel());
  });

  const sides = "- Expected: generated Prisma client (prisma/schema.prisma), + Received: migrated database";
  it("has the same tables", () => expect(database.tables, sides).toEqual(prisma.tables));
  it("has the same columns, with the same types, nullability and defaults", () => expect(database.columns, sides).toEqual(prisma.columns));
  it("has the same enums, with their values in order", () => expect(database.enums, sides).toEqual(prisma.enums));
  it("has the same primary keys, unique and other indexes, apart from the allowed ones", () =>
    expect(database.indexes, sides).toEqual(prisma.indexes));
  it("has the same foreign keys", () => expect(database.foreignKeys, sides).toEqual(prisma.foreignKeys));
});

// ---- The database, from pg_catalog ----

async function describeDatabase(url: string): Promise<SchemaDescription> {
  return withClient(url, async (client) => {
    const columns = await client.query(
      `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default"
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
         AND c.relname <> ALL ($1)`,
      [IGNORED_TABLES],
    );
    // Key columns by name, with their operator class unless it is the type's default, and DESC.
    const indexes = await client.query(
      `SELECT i.relname AS name, t.relname AS "table", x.indisprimary AS "primary", x.indisunique AS "unique",
              am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
              ARRAY(SELECT a.attname || CASE WHEN oc.opcdefault THEN '' ELSE ' ' || oc.opcname END
                                     || CASE WHEN x.indoption[k.n - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                    JOIN pg_opclass oc ON oc.oid = x.indclass[k.n - 1]
                    ORDER BY k.n) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_am am ON am.oid = i.relam
       WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> ALL ($1)`,
      [IGNORED_TABLES],
    );
    const foreignKeys = await client.query(
      `SELECT k.conname AS name, t.relname AS "table", r.relname AS "referenced",
              ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS c(num, n)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.num ORDER BY c.n) AS columns,
              ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS c(num, n)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.num ORDER BY c.n) AS "referencedColumns",
              k.confdeltype AS "onDelete", k.confupdtype AS "onUpdate"
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
       WHERE k.contype = 'f' AND t.relnamespace = 'public'::regnamespace`,
    );
    const enums = await client.query(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS "values"
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typnamespace = 'public'::regnamespace
       GROUP BY t.typname`,
    );
    // pg_constraint's one-letter codes for referential actions.
    const action: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
    return sortDescription({
      tables: columns.rows.map((row) => row.table),
      columns: Object.fromEntries(
        columns.rows.map((row) => [`${row.table}.${row.column}`, columnText(row.type, row.notNull, row.default)]),
      ),
      indexes: Object.fromEntries(
        indexes.rows.map((row) => {
          const kind = row.primary ? "PRIMARY KEY" : row.unique ? "UNIQUE" : "INDEX";
          return [row.name, indexText(kind, row.table, row.columns, row.method, row.predicate)];
        }),
      ),
      foreignKeys: Object.fromEntries(
        foreignKeys.rows.map((row) => {
          const { table, columns, referenced, referencedColumns } = row;
          return [row.name, foreignKeyText(table, columns, referenced, referencedColumns, action[row.onDelete], action[row.onUpdate])];
        }),
      ),
      enums: Object.fromEntries(enums.rows.map((row) => [row.name, row.values])),
    });
  });
}

// ---- The generated client's model, translated to what Prisma Migrate would create ----

function describePrismaModel(model: DMMF.Datamodel): SchemaDescription {
  const enumNames = new Map(model.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const modelOf = (name: string) => model.models.find((m) => m.name === name) ?? fail(`no model ${name}`);
  const tableOf = (m: DMMF.Model) => m.dbName ?? m.name;
  const unsupported = readUnsupportedFields();
  const columnOf = (m: DMMF.Model, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    if (field) return field.dbName ?? field.name;
    return unsupported.find((f) => f.model === m.name && f.name === fieldName)?.name ?? fail(`no field ${m.name}.${fieldName}`);
  };

  const columns: Record<string, string> = {};
  const foreignKeys: Record<string, string> = {};
  for (const m of model.models) {
    const table = tableOf(m);
    for (const field of m.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) {
          const from = field.relationFromFields.map((f) => columnOf(m, f));
          const target = modelOf(field.type);
          // Prisma's defaults: a required relation restricts deletes, an optional one sets NULL.
          const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
          foreignKeys[`${table}_${from.join("_")}_fkey`] = foreignKeyText(
            table,
            from,
            tableOf(target),
            (field.relationToFields ?? []).map((f) => columnOf(target, f)),
            referentialAction(onDelete),
            referentialAction(field.relationOnUpdate ?? "Cascade"),
          );
        }
        continue;
      }
      const column = field.dbName ?? field.name;
      if (field.isList) {
        // A scalar list is required in the schema's meaning, and the migrations say NOT NULL (Prisma
        // Migrate itself leaves such columns nullable: prisma/migrate#519).
        const type = `${columnType(field)}[]`;
        const value = field.default;
        const listDefault = Array.isArray(value) ? `'{${value.join(",")}}'::${type}` : null;
        columns[`${table}.${column}`] = columnText(type, true, listDefault);
        continue;
      }
      const type = field.kind === "enum" ? quoteIdent(enumNames.get(field.type) ?? field.type) : columnType(field);
      columns[`${table}.${column}`] = columnText(type, field.isRequired, columnDefault(field, type));
    }
  }

  for (const field of unsupported) {
    columns[`${tableOf(modelOf(field.model))}.${field.name}`] = columnText(field.type, field.required, null);
  }

  const indexes: Record<string, string> = {};
  for (const index of model.indexes) {
    const m = modelOf(index.model);
    const table = tableOf(m);
    const keyColumns = index.fields.map((f) => columnOf(m, f.name));
    const kind = INDEX_KINDS[index.type] ?? fail(`${index.type} indexes do not exist in PostgreSQL`);
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${keyColumns.join("_")}_${kind.suffix}`);
    const columnsText = index.fields.map(
      (f, i) => `${keyColumns[i]}${f.operatorClass ? ` ${snakeCase(f.operatorClass)}` : ""}${f.sortOrder === "desc" ? " DESC" : ""}`,
    );
    indexes[name] = indexText(kind.sql, table, columnsText, (index.algorithm ?? "BTree").toLowerCase(), null);
  }
  for (const [name, { definition }] of Object.entries(INDEXES_PRISMA_CANNOT_EXPRESS)) {
    if (indexes[name]) fail(`${name} is in the Prisma schema now: remove it from INDEXES_PRISMA_CANNOT_EXPRESS`);
    indexes[name] = definition;
  }

  return sortDescription({
    tables: model.models.map(tableOf),
    columns,
    indexes,
    foreignKeys,
    enums: Object.fromEntries(model.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
  });
}

/** Prisma's index types in SQL, and the suffix of Prisma Migrate's default names (<table>_<columns>_<suffix>). */
const INDEX_KINDS: Record<string, { sql: string; suffix: string }> = {
  id: { sql: "PRIMARY KEY", suffix: "pkey" },
  unique: { sql: "UNIQUE", suffix: "key" },
  normal: { sql: "INDEX", suffix: "idx" },
};

/** The PostgreSQL type (as format_type prints it) that Prisma Migrate creates for a scalar field. */
function columnType(field: DMMF.Field): string {
  const withArgs = (name: string, args: readonly string[], suffix = "") => `${name}${args.length ? `(${args.join(",")})` : ""}${suffix}`;
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const native: Record<string, string> = {
      Uuid: "uuid",
      Text: "text",
      VarChar: withArgs("character varying", args),
      Char: withArgs("character", args),
      Timestamptz: withArgs("timestamp", args, " with time zone"),
      Timestamp: withArgs("timestamp", args, " without time zone"),
      Date: "date",
      Integer: "integer",
      SmallInt: "smallint",
      BigInt: "bigint",
      Real: "real",
      DoublePrecision: "double precision",
      Decimal: withArgs("numeric", args),
      Boolean: "boolean",
      JsonB: "jsonb",
      Json: "json",
      ByteA: "bytea",
      Inet: "inet",
      Citext: "citext",
    };
    return native[name] ?? fail(`${field.name}: @db.${name} is not translated by this test yet`);
  }
  const scalar: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return scalar[field.type] ?? fail(`${field.name}: type ${field.type} is not translated by this test yet`);
}

/** The column default as pg_get_expr prints it, or null when the database has none. */
function columnDefault(field: DMMF.Field, type: string): string | null {
  const value = field.default;
  if (value === undefined) return null;
  if (typeof value === "object" && !Array.isArray(value)) {
    const fn = value as DMMF.FieldDefault;
    if (fn.name === "now") return "CURRENT_TIMESTAMP";
    if (fn.name === "dbgenerated") return String(fn.args[0]);
    // Generated by the client, so the database has no default.
    if (["uuid", "cuid", "nanoid", "ulid"].includes(fn.name)) return null;
    return fail(`${field.name}: @default(${fn.name}()) is not translated by this test yet`);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'::${type}`;
  return fail(`${field.name}: list default ${JSON.stringify(value)} is not translated by this test yet`);
}

/**
 * Fields of type Unsupported("…") (like a tsvector) are left out of the generated client's model, so
 * they are read from the schema itself: model, column, type and whether it is required.
 */
function readUnsupportedFields(): { model: string; name: string; type: string; required: boolean }[] {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  const fields = [];
  for (const block of schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    for (const field of block[2].matchAll(/^\s+(\w+)\s+Unsupported\("([^"]+)"\)(\?)?/gm)) {
      fields.push({ model: block[1], name: field[1], type: field[2], required: field[3] !== "?" });
    }
  }
  return fields;
}

// ---- Shared text forms ----

function columnText(type: string, notNull: boolean, defaultValue: string | null): string {
  return `${type} ${notNull ? "NOT NULL" : "NULL"}${defaultValue === null ? "" : ` DEFAULT ${defaultValue}`}`;
}

function indexText(kind: string, table: string, columns: string[], method: string, predicate: string | null): string {
  return `${kind} ON ${table} (${columns.join(", ")}) USING ${method}${predicate ? ` WHERE ${predicate}` : ""}`;
}

function foreignKeyText(
  table: string,
  columns: string[],
  referenced: string,
  referencedColumns: string[],
  onDelete: string,
  onUpdate: string,
): string {
  return `${table} (${columns.join(", ")}) REFERENCES ${referenced} (${referencedColumns.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

/** Prisma's referential action names (SetNull) in SQL (SET NULL). */
function referentialAction(action: string): string {
  return snakeCase(action).replace("_", " ").toUpperCase();
}

/** Prisma's operator class names (JsonbPathOps) in SQL (jsonb_path_ops). */
function snakeCase(name: string): string {
  return name.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toLowerCase();
}

/** format_type quotes type names that are not plain lowercase identifiers, like "MessageStatus". */
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function sortDescription(d: SchemaDescription): SchemaDescription {
  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return {
    tables: [...new Set(d.tables)].sort(),
    columns: sortKeys(d.columns),
    indexes: sortKeys(d.indexes),
    foreignKeys: sortKeys(d.foreignKeys),
    enums: sortKeys(d.enums),
  };
}

function fail(message: string): never {
  throw new Error(`schema drift test: ${message}`);
}
