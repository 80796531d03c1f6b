// Entry of a parse worker thread: registers tsx's loader in this thread, then runs parse-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
