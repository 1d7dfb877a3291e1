// A static file server for the benchmarks: gzip like a typical static host (text, wasm and the
// index), long-lived caching headers like a host that honours content-hashed names, and an ETag with
// 304 answers for revalidation (kennis's start files keep their names), as nginx sends.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { extname, join, normalize } from "node:path";

const [root, port] = [process.argv[2], Number(process.argv[3] || 8777)];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".wasm": "application/wasm", ".bin": "application/octet-stream", ".svg": "image/svg+xml", ".pf_meta": "application/octet-stream",
};
const cache = new Map();
// What was sent since the last /__reset, for the benchmark to read at /__sent.
let sent = { bytes: 0, files: [] };

createServer(async (request, response) => {
  let path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
  if (path === "/__reset") {
    sent = { bytes: 0, files: [] };
    response.writeHead(204).end();
    return;
  }
  if (path === "/__sent") {
    response.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify(sent));
    return;
  }
  if (path.includes("..")) {
    response.writeHead(403).end();
    return;
  }
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) {
      file = join(file, "index.html");
    }
    let body = cache.get(file);
    if (!body) {
      const raw = await readFile(file);
      // Pagefind's own files are already compressed.
      const compress = !/\.pf_(fragment|index|meta)$|\.pagefind$/.test(file);
      const tag = '"' + createHash("sha256").update(raw).digest("hex").slice(0, 16) + '"';
      body = { raw, gzip: compress ? gzipSync(raw, { level: 6 }) : null, tag };
      cache.set(file, body);
    }
    const headers = { "Content-Type": TYPES[extname(file)] || "application/octet-stream", "Cache-Control": "public, max-age=31536000", ETag: body.tag };
    if (request.headers["if-none-match"] === body.tag) {
      sent.files.push(`${path} 0`);
      response.writeHead(304, headers).end();
      return;
    }
    const gzip = body.gzip && /gzip/.test(request.headers["accept-encoding"] || "");
    const payload = gzip ? body.gzip : body.raw;
    if (gzip) {
      headers["Content-Encoding"] = "gzip";
    }
    sent.bytes += payload.length;
    sent.files.push(`${path} ${payload.length}`);
    response.writeHead(200, headers).end(payload);
  } catch {
    response.writeHead(404).end();
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
