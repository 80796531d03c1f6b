// One-shot hashes of one string or buffer: Node's crypto.hash (20.12 on), twice as fast as a
// Hash object for the short inputs keys and digests are made of; a Hash object on older Nodes.
import * as crypto from "node:crypto";

type Algorithm = "sha1" | "sha256";
type Encoding = "hex" | "base64url";

const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: Encoding) => string }).hash;

/** The `algorithm` hash of `data` (a string as UTF-8) in `encoding`. */
export function hashOf(algorithm: Algorithm, data: string | Uint8Array, encoding: Encoding): string {
  return oneShot ? oneShot(algorithm, data, encoding) : crypto.createHash(algorithm).update(data).digest(encoding);
}

/** The key of a file made only of its content (the output writer keeps a file whose key is the same). */
export function contentKey(content: string | Uint8Array): string {
  return hashOf("sha1", content, "base64url");
}
