// format=flowed (RFC 3676): soft line breaks joined, space-stuffing removed, quote depth kept.

/** Un-flows `text` (lines separated by `\n`). `delSp`: the trailing space of a soft break is deleted. */
export function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let open: { depth: number; text: string } | null = null;
  for (const line of text.split("\n")) {
    let depth = 0;
    while (depth < line.length && line[depth] === ">") depth++;
    let content = line.slice(depth);
    if (content.startsWith(" ")) content = content.slice(1); // space-stuffing (or the space after `>`)
    const signature = content === "-- ";
    const soft = !signature && content.endsWith(" ");
    if (open && open.depth === depth) {
      open.text += content;
    } else {
      if (open) out.push(quoted(open.depth, open.text));
      open = { depth, text: content };
    }
    if (soft) {
      if (delSp) open.text = open.text.slice(0, -1);
    } else {
      out.push(quoted(open.depth, open.text));
      open = null;
    }
  }
  if (open) out.push(quoted(open.depth, open.text));
  return out.join("\n");
}

function quoted(depth: number, text: string): string {
  return depth === 0 ? text : ">".repeat(depth) + " " + text;
}
