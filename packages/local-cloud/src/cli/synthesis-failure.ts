/** Lines of Node.js's own, which say nothing about the app. */
const NODE_VERSION_LINE = /^Node\.js v\d+/;
/** `SyntaxError: Unexpected token`, `ValidationError: ...`, `Error [ERR_X]: ...`. */
const ERROR_LINE = /^\s*(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)\b.*?:\s/;
/** Node.js names the file and line of an uncaught error alone on the first line: `/app/app.js:12`. */
const FILE_LINE = /^((?:[A-Za-z]:)?[\\/][^()]*?:\d+)$/;
/** A stack frame: `at Object.<anonymous> (/app/app.js:3:7)`. */
const APP_FRAME = /^\s*at (?:.* \()?((?:[A-Za-z]:)?[\\/][^()]*?:\d+):\d+\)?$/;

/**
 * A synthesis failure in one line, for a reload that failed while the cloud keeps serving: the
 * command's header, the error, and where it was thrown (in the app's own code rather than a
 * library's, when a frame says so), such as
 * `synthesizing /app with "node app.js" failed (exit code 1): SyntaxError: Unexpected end of input (at /app/app.js:12)`.
 *
 * @param message an AppSynthesisError's message: a header line, then the command's output
 */
export function synthesisFailureLine(message: string): string {
  const [header, ...output] = message.split('\n');
  const lines = output
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !NODE_VERSION_LINE.test(line));
  if (lines.length === 0) return header.replace(/:$/, '');
  const errorLine = lines.find((line) => ERROR_LINE.test(line))?.trim() ?? lines[lines.length - 1].trim();
  const places = [FILE_LINE, APP_FRAME].flatMap((pattern) =>
    lines.map((line) => pattern.exec(line)?.[1]).filter((place) => place !== undefined),
  );
  const location = places.find((place) => !/[\\/]node_modules[\\/]/.test(place)) ?? places[0];
  return `${header.replace(/:$/, '')}: ${errorLine}${location === undefined ? '' : ` (at ${location})`}`;
}
