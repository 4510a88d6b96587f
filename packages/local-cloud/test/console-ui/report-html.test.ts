import type { RunReportData } from '../../src/console/console-contract';
import { renderRunReport } from '../../src/console/report-html';
import { invocationFactory, mappingCapFactory } from './invocation-factory';

const data: RunReportData = {
  title: 'Run of 10 orders <demo>',
  summaryLines: ['10 orders sent', '1 rejected: </script><script>alert(1)</script>'],
  timeline: {
    nowMs: 2000,
    mappings: [mappingCapFactory()],
    invocations: [invocationFactory({ requestId: 'r-1' })],
  },
};

describe('renderRunReport', () => {
  test('is one file: no script, style or image loaded from the network or from another file', async () => {
    const html = await renderRunReport(data);

    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/|\.{0,2}\/|[\w-]+\.(js|css|png|svg))/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toContain('prefers-color-scheme');
  });

  test('embeds the data as JSON that reads back the same and cannot close its script element', async () => {
    const html = await renderRunReport(data);
    const embedded = /<script type="application\/json" id="run-report-data">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1];

    expect(embedded).toBeDefined();
    expect(JSON.parse(embedded ?? '')).toStrictEqual(data);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  test('escapes the title in the head', async () => {
    expect(await renderRunReport(data)).toContain('<title>Run of 10 orders &#60;demo&#62;</title>');
  });
});
