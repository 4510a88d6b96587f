import { CONSOLE_TOKEN_HEADER, CONSOLE_TOKEN_META } from '../../src/console/console-contract';
import { rawRequest } from '../support/raw-post';
import { type ConsoleWorld, startConsoleWorld } from './console-fixture';

describe('the console refuses what another web page could make a browser send', () => {
  let world: ConsoleWorld;
  let deadLetterQueue: string;
  let host: string;

  beforeAll(async () => {
    world = await startConsoleWorld();
    deadLetterQueue =
      world.cloud.stack.queues.find((queue) => queue.logicalId === 'InboxDlq')?.queueName ?? '';
    host = `127.0.0.1:${world.console.port}`;
  });

  afterAll(() => world?.stop());

  /** Sends `forged` to the dead-letter queue (which nothing consumes) with these headers. */
  const post = (headers: Record<string, string>) =>
    rawRequest(
      `${world.origin}/_console/api/queues/${deadLetterQueue}/messages`,
      'POST',
      { 'content-type': 'application/json', host, ...headers },
      '{"body":"forged"}',
    );

  test('a POST with the token from the console origin is carried out', async () => {
    const { status, body } = await post({
      origin: world.origin,
      [CONSOLE_TOKEN_HEADER]: world.console.token,
    });

    expect(status).toBe(200);
    expect(JSON.parse(body)).toStrictEqual({ messageId: expect.any(String) });
  });

  test('a POST from http://localhost:PORT, the console opened under its other name, is carried out too', async () => {
    const { status } = await rawRequest(
      `${world.origin}/_console/api/queues/nope/messages`,
      'POST',
      {
        host: `localhost:${world.console.port}`,
        origin: `http://localhost:${world.console.port}`,
        [CONSOLE_TOKEN_HEADER]: world.console.token,
      },
      '{"body":"x"}',
    );

    // Past the guard: the queue is unknown.
    expect(status).toBe(404);
  });

  test('a POST without the token is refused with a 403 saying so', async () => {
    const { status, body } = await post({ origin: world.origin });

    expect(status).toBe(403);
    expect(JSON.parse(body)).toStrictEqual({
      error: expect.stringMatching(/needs the console's token .*\(missing\)/),
    });
  });

  test('a POST with a wrong token is refused', async () => {
    const { status, body } = await post({ origin: world.origin, [CONSOLE_TOKEN_HEADER]: 'guessed' });

    expect(status).toBe(403);
    expect(JSON.parse(body)).toStrictEqual({ error: expect.stringMatching(/\(wrong\)$/) });
  });

  test('a POST from another origin is refused, even with the token', async () => {
    const { status, body } = await post({
      origin: 'http://evil.example',
      [CONSOLE_TOKEN_HEADER]: world.console.token,
    });

    expect(status).toBe(403);
    expect(JSON.parse(body)).toStrictEqual({ error: expect.stringMatching(/Origin http:\/\/evil\.example/) });
  });

  test('a POST without an Origin is refused, even with the token', async () => {
    const { status } = await post({ [CONSOLE_TOKEN_HEADER]: world.console.token });

    expect(status).toBe(403);
  });

  test('a POST addressed to a foreign Host (DNS rebinding) is refused, even with token and origin', async () => {
    const { status, body } = await post({
      host: `rebind.example:${world.console.port}`,
      origin: world.origin,
      [CONSOLE_TOKEN_HEADER]: world.console.token,
    });

    expect(status).toBe(403);
    expect(JSON.parse(body)).toStrictEqual({ error: expect.stringMatching(/Host: rebind\.example/) });
  });

  test.each(['/_console/', '/_console/api/dead-letters', '/_console/api/events'])(
    'a GET of %s addressed to a foreign Host is refused',
    async (path) => {
      const { status, body } = await rawRequest(`${world.origin}${path}`, 'GET', { host: 'rebind.example' });

      expect(status).toBe(403);
      expect(JSON.parse(body)).toStrictEqual({ error: expect.stringMatching(/127\.0\.0\.1 or localhost/) });
    },
  );

  test('no refused POST reached the queue: it holds the one message sent with the token', async () => {
    const { body } = await world.api<{ body: string }[]>(`queues/${deadLetterQueue}/messages`);

    expect(body.map((message) => message.body)).toStrictEqual(['forged']);
  });

  test('the page hands the token to the console only, in its meta tag', async () => {
    const response = await fetch(`${world.origin}/_console/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain(`<meta name="${CONSOLE_TOKEN_META}" content="${world.console.token}"`);
  });

  test("serves the page's files, a 404 for a file it does not have, and sends / to the page", async () => {
    const script = await fetch(`${world.origin}/_console/app.js`);
    const missing = await fetch(`${world.origin}/_console/nope.js`);
    const root = await fetch(`${world.origin}/`, { redirect: 'manual' });

    expect([script.status, script.headers.get('content-type')]).toStrictEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toStrictEqual({ error: 'the console has no file nope.js' });
    expect([root.status, root.headers.get('location')]).toStrictEqual([302, '/_console/']);
  });

  test('the token is random per console server', async () => {
    expect(world.console.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
