// A grown file's old bytes CRC-32'd on a thread of their own (plain JavaScript, started without the
// process's loader), while the main thread reads and parses the new ones: at 100k messages (264 MB)
// this was 0.13-0.3 s of the main thread's time. Answers the CRC, or null (shorter, unreadable).
import { parentPort, workerData } from "node:worker_threads";
import { fileCrc32 } from "./crc32.js";

parentPort.postMessage(fileCrc32(workerData.file, workerData.bytes));
