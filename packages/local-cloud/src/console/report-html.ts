import { bundleConsoleEntry, type ConsoleBundle, htmlDocument } from './console-assets';
import type { RunReportData } from './console-contract';
import { RUN_REPORT_DATA_ID } from './ui/report-data';

let reportBundle: Promise<ConsoleBundle> | undefined;

/**
 * A run's report as one self-contained HTML file: the summary lines and the console's timeline,
 * with its script, styles and data inline, so it opens offline from `file://` and can be attached
 * to a bug report. The report's page is bundled once per process.
 *
 * @example
 * await writeFile('run.html', await renderRunReport({ title, summaryLines, timeline: cloud.activity.timeline() }));
 */
export async function renderRunReport(data: RunReportData): Promise<string> {
  reportBundle ??= bundleConsoleEntry('report.tsx');
  const { script, styles } = await reportBundle;
  return htmlDocument(
    data.title,
    [`<style>${inlineText(styles, 'style')}</style>`],
    [
      '<div id="app"></div>',
      `<script type="application/json" id="${RUN_REPORT_DATA_ID}">${inlineJson(data)}</script>`,
      `<script>${inlineText(script, 'script')}</script>`,
    ],
  );
}

/** JSON that cannot end its `<script>` element early: every `<` is written as `\u003c`. */
function inlineJson(data: RunReportData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** Script or styles that cannot close their element early: `</script` becomes `<\/script`. */
function inlineText(text: string, element: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');
}
