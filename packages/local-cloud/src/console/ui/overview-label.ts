/**
 * A diagram box's name, wrapped onto lines that fit its width. SVG text does not wrap and the page
 * cannot measure text before drawing it, so widths are estimated from the bold label font's
 * character classes, on the wide side: a line may end a little early, never past the box.
 */

/** The label's font size in CSS pixels (`.diagram .node-label`). */
export const LABEL_FONT_PX = 13;

/** Estimated advance of each character class, in ems of a bold sans-serif font. */
const EM = { narrow: 0.42, lower: 0.66, digit: 0.72, upper: 0.8, other: 0.7 } as const;

/** The estimated width of `text` in the label font, in CSS pixels. */
export function labelWidth(text: string, fontPx = LABEL_FONT_PX): number {
  let ems = 0;
  for (const character of text) {
    if (/[iljtfr.,:;'|!\-_/ ]/.test(character)) ems += EM.narrow;
    else if (/[a-z]/.test(character)) ems += EM.lower;
    else if (/[0-9]/.test(character)) ems += EM.digit;
    else if (/[A-Z]/.test(character)) ems += EM.upper;
    else ems += EM.other;
  }
  return ems * fontPx;
}

/** A label as a box shows it. */
export interface WrappedLabel {
  readonly lines: readonly string[];
  /** Whether part of the middle was left out (the box's title then gives the whole name). */
  readonly shortened: boolean;
}

/**
 * Wraps `label` onto at most `maxLines` lines of at most `maxWidth` pixels, breaking after `-`,
 * `_`, `/`, `.` or `:` and between a lower-case letter and a capital (CDK's logical ids are
 * PascalCase; their hash, digits and capitals, stays whole), a word too wide for a line anywhere. A label that needs more lines keeps its
 * beginning and, after `…`, its distinctive end (a CDK name ends with its hash) on the last line.
 *
 * @example
 * wrapLabel('QueuesDeadLetterQueue5DE5E9A1', 160, 3).lines; // ['QueuesDeadLetter', 'Queue5DE5E9A1']
 */
export function wrapLabel(label: string, maxWidth: number, maxLines: number): WrappedLabel {
  const lines = wrapWords(breakWords(label), maxWidth);
  if (lines.length <= maxLines) return { lines, shortened: false };
  const kept = lines.slice(0, maxLines - 1);
  const rest = label.slice(kept.join('').length);
  return { lines: [...kept, `…${longestEndWithin(rest, maxWidth - labelWidth('…'))}`], shortened: true };
}

function breakWords(label: string): string[] {
  return label.split(/(?<=[-_/.:])|(?<=[a-z])(?=[A-Z])/).filter((word) => word !== '');
}

function wrapWords(words: readonly string[], maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (labelWidth(line + word) <= maxWidth) line += word;
    else {
      if (line !== '') lines.push(line);
      line = '';
      for (const character of word) {
        if (line !== '' && labelWidth(line + character) > maxWidth) {
          lines.push(line);
          line = '';
        }
        line += character;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function longestEndWithin(label: string, maxWidth: number): string {
  let start = label.length;
  while (start > 0 && labelWidth(label.slice(start - 1)) <= maxWidth) start -= 1;
  return label.slice(start);
}
