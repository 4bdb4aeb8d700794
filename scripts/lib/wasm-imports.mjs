// Shorten the names of the wasm's imports from its wasm-bindgen glue (called by scripts/lib/minify.mjs).
// wasm-bindgen names each import after its JS function plus a 16-digit hash ("__wbg_appendChild_dbf7ad2f…")
// under the module "./sessionscope_bg.js". The hashes cannot be compressed, and every name is written
// twice (in the wasm and in the glue), so shortening them saves about 5 KB of the page's gzip budget.
// binaryen's --minify-imports-and-exports-and-modules does the wasm half but renames the exports too, which
// the glue uses in many more places; renaming the imports alone keeps the change to one object literal.

const IMPORT_SECTION = 2;

// An unsigned LEB128 number at `at`: [value, where the next field starts].
export function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(start, start + length)), start + length];
}

function nameBytes(name) {
  const encoded = new TextEncoder().encode(name);
  return [...leb(encoded.length), ...encoded];
}

// Where an import's description (after its two names) ends: function, table, memory or global.
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    p = readLeb(bytes, p)[1];
    return flags & 1 ? readLeb(bytes, p)[1] : p;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1];
    case 1: return limits(at + 1);
    case 2: return limits(at);
    case 3: return at + 2;
    default: throw new Error(`wasm-imports: unknown import kind ${kind}`);
  }
}

// Short names: a, b, …, Z, aa, ab, … They are only keys of the glue's import object, where any
// identifier (even a reserved word) is valid.
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) yield a;
  for (const a of letters) for (const b of letters) yield a + b;
  throw new Error('wasm-imports: more than 2 756 imports');
}

// Renames every import from the glue (the module whose name ends in "_bg.js") in the wasm `bytes`.
// Returns the new wasm, the glue's module name before and after, and the renaming (old name -> new name).
export function shortenImports(bytes) {
  if (readLeb(bytes, 4)[0] !== 1 || bytes[0] !== 0 || bytes[1] !== 0x61) throw new Error('wasm-imports: not a wasm module');
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (id !== IMPORT_SECTION) {
      at = end;
      continue;
    }
    const names = shortNames();
    const renamed = new Map();
    const newModule = 'a';
    let module;
    const [count, first] = readLeb(bytes, start);
    const body = [...leb(count)];
    let p = first;
    for (let i = 0; i < count; i++) {
      const [from, afterModule] = readName(bytes, p);
      const [name, afterName] = readName(bytes, afterModule);
      const descriptionEnd = skipDescription(bytes, afterName);
      if (from.endsWith('_bg.js')) {
        if (module !== undefined && from !== module) throw new Error(`wasm-imports: two glue modules, ${module} and ${from}`);
        module = from;
        const short = renamed.get(name) ?? names.next().value;
        renamed.set(name, short);
        body.push(...nameBytes(newModule), ...nameBytes(short));
      } else {
        body.push(...bytes.subarray(p, afterName));
      }
      body.push(...bytes.subarray(afterName, descriptionEnd));
      p = descriptionEnd;
    }
    if (p !== end) throw new Error('wasm-imports: the import section did not parse to its end');
    if (module === undefined) throw new Error('wasm-imports: no import comes from a *_bg.js module');
    const section = Uint8Array.from([IMPORT_SECTION, ...leb(body.length), ...body]);
    const out = new Uint8Array(at + section.length + (bytes.length - end));
    out.set(bytes.subarray(0, at), 0);
    out.set(section, at);
    out.set(bytes.subarray(end), at + section.length);
    return { wasm: out, module, newModule, renamed };
  }
  throw new Error('wasm-imports: the wasm has no import section');
}

// The glue with the same renaming: its import object names the module and every import once.
export function renameInGlue(js, { module, newModule, renamed }) {
  const quoted = JSON.stringify(module);
  if (js.split(quoted).length !== 2) throw new Error(`wasm-imports: the glue names ${quoted} other than once`);
  let out = js.replace(quoted, JSON.stringify(newModule));
  for (const [name, short] of renamed) {
    const token = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    const uses = out.match(token)?.length ?? 0;
    if (uses !== 1) throw new Error(`wasm-imports: the glue names the import ${name} ${uses} times, expected once`);
    out = out.replace(token, short);
  }
  return out;
}
