import type { Writable } from 'node:stream';
import { shortLogStreamId } from './log-stream-name';

/** Where and how a {@link TerminalPrinter} prints. */
export interface TerminalPrinterOptions {
  /** @default process.stdout */
  readonly output?: Writable & { readonly isTTY?: boolean };
  /** @default - colour when `output` is a TTY and NO_COLOR is not set */
  readonly colour?: boolean;
}

/** Foreground colours that read well on dark and light terminals: cyan, magenta, yellow, green, blue, red. */
const COLOURS = [36, 35, 33, 32, 34, 31, 96, 95, 93, 92, 94];

/**
 * Prints log events with a prefix that tells functions and instances apart:
 * `<function> <short stream id> | <line>`, one prefix per line of a multi-line message, and each
 * log stream in its own colour on a terminal.
 *
 * @example
 * new TerminalPrinter().print('ProcessOrders', '2026/11/25/[$LATEST]4f1c…', 'START RequestId: …');
 * // ProcessOrders 4f1c2a9b | START RequestId: …
 */
export class TerminalPrinter {
  private readonly output: Writable;
  private readonly colour: boolean;
  private readonly colourOfStream = new Map<string, number>();

  constructor(options: TerminalPrinterOptions = {}) {
    const output = options.output ?? process.stdout;
    this.output = output;
    this.colour = options.colour ?? (output.isTTY === true && process.env.NO_COLOR === undefined);
  }

  /** The prefix of a stream's lines, without colour. */
  static prefix(label: string, logStreamName: string): string {
    return `${label} ${shortLogStreamId(logStreamName)} |`;
  }

  print(label: string, logStreamName: string, message: string): void {
    let prefix = TerminalPrinter.prefix(label, logStreamName);
    if (this.colour) prefix = `\u001b[${this.colourFor(logStreamName)}m${prefix}\u001b[0m`;
    const lines = message.replace(/\n$/, '').split('\n');
    this.output.write(lines.map((line) => `${prefix} ${line}\n`).join(''));
  }

  private colourFor(logStreamName: string): number {
    let colour = this.colourOfStream.get(logStreamName);
    if (colour === undefined) {
      colour = COLOURS[this.colourOfStream.size % COLOURS.length];
      this.colourOfStream.set(logStreamName, colour);
    }
    return colour;
  }
}
