// A tiny static server on 127.0.0.1 for the browser tests: files, `/` to index.html, 404.html for misses.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const [dir = "_site", port = "4173"] = process.argv.slice(2);
const root = resolve(dir);
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".jsonl": "application/x-ndjson", ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
};

createServer(async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = resolve(root, "." + path);
    if (file !== root && !file.startsWith(root + sep)) throw new Error("outside");
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "x-content-type-options": "nosniff" });
    res.end(body);
  } catch {
    const body = await readFile(join(root, "404.html")).catch(() => Buffer.from("not found"));
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  }
}).listen(Number(port), "127.0.0.1");
