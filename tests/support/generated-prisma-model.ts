import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DMMF } from "@prisma/client/runtime/client";

const GENERATED_CLASS = path.join(process.cwd(), "lib", "db", "generated", "internal", "class.ts");

/**
 * The full data model (native types, defaults, indexes) of the generated Prisma client. The client's
 * own runtimeDataModel is slim (no nullability, native types or indexes), but the client embeds the
 * schema it was generated from as `inlineSchema`; Prisma's schema wasm turns that into the DMMF.
 */
export function readGeneratedModel(): DMMF.Datamodel {
  const source = readFileSync(GENERATED_CLASS, "utf8");
  // The generator writes the config as JSON, so the schema is a JSON string literal.
  const literal = /"inlineSchema": ("(?:[^"\\]|\\.)*")/.exec(source)?.[1];
  if (!literal) throw new Error(`no inlineSchema in ${GENERATED_CLASS}: run \`npx tsx scripts/generate-client.ts\``);
  const dmmf = JSON.parse(getDmmf(JSON.stringify({ prismaSchema: JSON.parse(literal) })));
  return dmmf.datamodel;
}

/** The exports of prisma_schema_build_bg.wasm that get_dmmf needs (wasm-bindgen's ABI). */
interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_start(): void;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  /** Returns the result string (pointer, length), or an error (table index, failed flag). */
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

/**
 * Calls `get_dmmf` of prisma_schema_build_bg.wasm, which the prisma CLI ships (it bundles the
 * @prisma/prisma-schema-wasm glue instead of depending on the package, so this is that glue, minimal).
 */
function getDmmf(params: string): string {
  const file = path.join(
    path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")),
    "build",
    "prisma_schema_build_bg.wasm",
  );
  const module = new WebAssembly.Module(readFileSync(file));
  let wasm: SchemaWasm;
  const text = (ptr: number, len: number) => new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, ptr >>> 0, len));
  // wasm-bindgen suffixes import names with a hash that changes between releases: match by prefix.
  const imports: Record<string, (...args: number[]) => unknown> = {
    __wbg_Error_: (ptr, len) => new Error(text(ptr, len)),
    __wbg___wbindgen_throw_: (ptr, len) => {
      throw new Error(text(ptr, len));
    },
    __wbg_set_message_: (ptr, len) => {
      throw new Error(`prisma schema wasm panicked: ${text(ptr, len)}`);
    },
    __wbindgen_init_externref_table: () => {
      // As wasm-bindgen's glue does: slot 0 and the four constants the Rust side refers to.
      const table = wasm.__wbindgen_externrefs;
      const base = table.grow(4);
      table.set(0, undefined);
      for (const [i, value] of [undefined, null, true, false].entries()) table.set(base + i, value);
    },
  };
  const importObject: Record<string, Record<string, unknown>> = {};
  for (const { module: name, name: symbol } of WebAssembly.Module.imports(module)) {
    const prefix = Object.keys(imports).find((p) => symbol.startsWith(p));
    if (!prefix) throw new Error(`prisma_schema_build_bg.wasm wants an unknown import ${symbol}`);
    importObject[name] = { ...importObject[name], [symbol]: imports[prefix] };
  }
  wasm = new WebAssembly.Instance(module, importObject as WebAssembly.Imports).exports as unknown as SchemaWasm;
  wasm.__wbindgen_start();

  const input = new TextEncoder().encode(params);
  const inputPtr = wasm.__wbindgen_malloc(input.length, 1);
  new Uint8Array(wasm.memory.buffer, inputPtr, input.length).set(input);
  const [ptr, len, errorRef, failed] = wasm.get_dmmf(inputPtr, input.length);
  if (failed) {
    const error = wasm.__wbindgen_externrefs.get(errorRef);
    wasm.__externref_table_dealloc(errorRef);
    throw error;
  }
  try {
    return text(ptr, len);
  } finally {
    wasm.__wbindgen_free(ptr, len, 1);
  }
}
