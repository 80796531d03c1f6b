// Address privacy: how an e-mail address is published under a list's setting.
import type { Privacy } from "../ingest/settings.ts";

/** `obfuscate` writes `user at example.com` (as pipermail does), `show` the address, `hide` nothing. */
export function publishAddress(address: string, privacy: Privacy): string {
  if (privacy === "show" || address === "") return address;
  if (privacy === "hide") return "";
  const at = address.lastIndexOf("@");
  return at === -1 ? address : `${address.slice(0, at)} at ${address.slice(at + 1)}`;
}
