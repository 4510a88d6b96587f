import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONSOLE_TOKEN_HEADER, CONSOLE_TOKEN_META } from 'local-cloud';
import type { Page } from 'playwright-core';
import { rawPost } from '../support/raw-post';
import { describeInBrowser } from './support/browser';
import {
  type ConsoleCloud,
  consoleApi,
  consoleOrigin,
  messagesOnQueue,
  startConsoleCloud,
  unpolledQueueName,
} from './support/console-cloud';

/** A message the tests try to send through the console, to a queue that nothing reads. */
const FORM = JSON.stringify({ body: '{"probe":"console security"}' });

describeInBrowser(
  'the console refuses what another web page or a request without the token asks',
  (session) => {
    let consoleCloud: ConsoleCloud;
    let otherSite: Server;
    let otherOrigin = '';

    beforeAll(async () => {
      consoleCloud = await startConsoleCloud();
      otherSite = await startOtherSite();
      otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
    }, 120_000);

    afterAll(async () => {
      await consoleCloud?.stop();
      await new Promise((resolve) => otherSite?.close(resolve));
    });

    const sendUrl = () =>
      consoleApi(consoleCloud.server, `queues/${unpolledQueueName(consoleCloud)}/messages`);
    const messagesSent = () => messagesOnQueue(consoleCloud, unpolledQueueName(consoleCloud));

    test.each([
      ['without the token, from its own origin', () => ({ origin: consoleOrigin(consoleCloud.server) })],
      [
        'with a wrong token',
        () => ({ origin: consoleOrigin(consoleCloud.server), [CONSOLE_TOKEN_HEADER]: 'guess' }),
      ],
      [
        'with the token, from another origin',
        () => ({ origin: otherOrigin, [CONSOLE_TOKEN_HEADER]: token() }),
      ],
      ['with the token and no Origin at all', () => ({ [CONSOLE_TOKEN_HEADER]: token() })],
    ])('a POST %s is refused with 403 and an error, and nothing is sent', async (_, headers) => {
      const answer = await fetch(sendUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers() },
        body: FORM,
      });

      expect(answer.status).toBe(403);
      expect(await answer.json()).toStrictEqual({ error: expect.any(String) });
      expect(await messagesSent()).toBe(0);
    });

    test('a request addressed to another host name (DNS rebinding) is refused', async () => {
      const { port } = consoleCloud.server;
      const answer = await rawPost(sendUrl(), {
        host: `rebind.example:${port}`,
        origin: `http://rebind.example:${port}`,
      });
      expect(answer.status).toBe(403);
      expect(await messagesSent()).toBe(0);
    });

    test("a form-like POST from another site's page reaches the console and is refused", async () => {
      const { context } = session();
      const page = await context.newPage();
      await page.goto(otherOrigin);
      const refused = page.waitForResponse((response) => response.url() === sendUrl());
      // A `no-cors` POST of text/plain is what a plain HTML form can send: no preflight asks first.
      await page.evaluate(
        ([url, body]) => fetch(url, { method: 'POST', mode: 'no-cors', body }).then(() => 'sent'),
        [sendUrl(), FORM],
      );
      expect((await refused).status()).toBe(403);
      expect(await messagesSent()).toBe(0);
      await page.close();
    });

    test("another site's page that knows the token still cannot send: its preflight gets no CORS grant", async () => {
      const { context } = session();
      const page = await context.newPage();
      await page.goto(otherOrigin);
      const outcome = await postFromPage(page, sendUrl(), token());
      expect(outcome).toMatch(/^failed: TypeError/);
      expect(await messagesSent()).toBe(0);
      await page.close();
    });

    test("the console's own page, with the token from its meta tag, can send (so the refusals are not blanket)", async () => {
      const { page } = session();
      await page.goto(consoleCloud.server.url);
      const pageToken =
        (await page.locator(`meta[name="${CONSOLE_TOKEN_META}"]`).getAttribute('content')) ?? '';
      const outcome = await postFromPage(page, sendUrl(), pageToken);
      expect(pageToken).toBe(token());
      expect(outcome).toMatch(/^answered 2\d\d$/);
      expect(await messagesSent()).toBe(1);
    });

    test.each([
      ['a purge', () => `queues/${unpolledQueueName(consoleCloud)}/purge`, '{}'],
      ['a redrive of every dead letter', () => 'dead-letters/redrive', '{"ids":"all"}'],
    ])('%s from another origin is refused too, and changes nothing', async (_, route, body) => {
      const before = await messagesSent();
      const answer = await fetch(consoleApi(consoleCloud.server, route()), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: otherOrigin, [CONSOLE_TOKEN_HEADER]: token() },
        body,
      });

      expect(answer.status).toBe(403);
      expect(await answer.json()).toStrictEqual({ error: expect.stringContaining('Origin') });
      expect(await messagesSent()).toBe(before);
    });

    function token(): string {
      return consoleCloud.server.token;
    }
  },
);

/** Another web site on loopback: one page, on a port of its own, so another origin. */
function startOtherSite(): Promise<Server> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>another site</title><p>another site</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * POSTs the form from a page with the token in the header, as the console's own page does; resolves
 * to `answered STATUS`, or `failed: ...` when the browser refused to make the request.
 */
function postFromPage(page: Page, url: string, token: string): Promise<string> {
  return page.evaluate(
    ([url, body, header, value]) =>
      fetch(url, { method: 'POST', headers: { [header]: value, 'content-type': 'application/json' }, body })
        .then((answer) => `answered ${answer.status}`)
        .catch((error) => `failed: ${error}`),
    [url, FORM, CONSOLE_TOKEN_HEADER, token],
  );
}
