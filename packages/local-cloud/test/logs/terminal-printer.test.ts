import { PassThrough } from 'node:stream';
import { TerminalPrinter } from '../../src/logs';

const ESCAPE = String.fromCharCode(27);
const STREAM_A = '2026/11/25/[$LATEST]aaaaaaaa000000000000000000000000';
const STREAM_B = '2026/11/25/[$LATEST]bbbbbbbb000000000000000000000000';

function printed(options: { colour?: boolean; isTTY?: boolean } = {}) {
  const output = Object.assign(new PassThrough(), { isTTY: options.isTTY });
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const printer = new TerminalPrinter({ output, colour: options.colour });
  return { printer, text: () => chunks.join('') };
}

describe('TerminalPrinter', () => {
  test('prefixes each line with the function and the short stream id', () => {
    const { printer, text } = printed({ colour: false });

    printer.print('ProcessOrders', STREAM_A, 'START RequestId: 1 Version: $LATEST');
    printer.print('ProcessOrders', STREAM_A, 'first\nsecond\n');

    expect(text()).toBe(
      'ProcessOrders aaaaaaaa | START RequestId: 1 Version: $LATEST\n' +
        'ProcessOrders aaaaaaaa | first\n' +
        'ProcessOrders aaaaaaaa | second\n',
    );
  });

  test('colours the prefix, one colour per stream, when colour is on', () => {
    const { printer, text } = printed({ colour: true });

    printer.print('Fn', STREAM_A, 'a');
    printer.print('Fn', STREAM_B, 'b');
    printer.print('Fn', STREAM_A, 'c');

    const colours = text()
      .split(ESCAPE)
      .slice(1)
      .map((sequence) => sequence.slice(1, sequence.indexOf('m')))
      .filter((code) => code !== '0');
    expect(colours).toHaveLength(3);
    expect(colours[0]).toBe(colours[2]);
    expect(colours[0]).not.toBe(colours[1]);
  });

  test('prints no colour codes when the output is not a TTY', () => {
    const { printer, text } = printed({ isTTY: false });

    printer.print('Fn', STREAM_A, 'plain');

    expect(text()).toBe('Fn aaaaaaaa | plain\n');
  });
});
