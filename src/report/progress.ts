// Progress bar on stderr for long builds; silent when stderr is not a terminal.

export interface Progress {
  update(label: string, count: number): void;
  done(): void;
}

/** Redraws at most every 100 ms; `total` is unknown while reading, so it counts messages. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(label, count) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 50));
      const pos = Math.floor(count / 50) % (width * 2);
      const bar = Array.from({ length: width }, (_, i) => (i === (pos < width ? pos : width * 2 - pos - 1) ? "#" : "-")).join("");
      stream.write(`\r[${bar}] ${label}: ${count} messages read`.padEnd((stream.columns ?? 80) - 1));
    },
    done() {
      if (shown) stream.write("\r" + " ".repeat((stream.columns ?? 80) - 1) + "\r");
    },
  };
}
