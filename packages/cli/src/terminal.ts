/** Whether the commands may draw on stderr: only when it is a terminal (never for pipes, files, CI logs). */
import type { Terminal } from "./commands.js";

/** The Terminal of a stream such as process.stderr: a writer when it is a TTY, else nothing. */
export function terminalOf(stream: { readonly isTTY?: boolean; write(text: string): unknown }): Terminal {
  return stream.isTTY === true ? { writeStderr: (text) => void stream.write(text) } : {};
}
