import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LlmError, PROMPT_VERSION, rewriteSynthesis, type LlmConfig, type LlmErrorReason, type SourceSentence } from './provider.js';

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol. Its answer is computed from the
 * request: it reads the source sentences and their markers from the user message and writes a
 * rewrite from them, the way a (very literal) model would.
 */

interface Source {
  id: string;
  text: string;
}

/** What the fake model answers: a rewrite built from the sources, a raw HTTP answer, or nothing at all. */
type Behaviour =
  { rewrite: (sources: Source[]) => string; model?: string | null; usage?: boolean; finishReason?: string } | { status: number; body: string } | 'never';

interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  temperature: number;
  max_tokens: number;
}

interface Recorded {
  method: string | undefined;
  path: string | undefined;
  authorization: string | undefined;
  body: ChatRequest;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections(); // including requests left hanging on purpose
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function startFakeLlm(behaviour: Behaviour): Promise<{ baseUrl: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as ChatRequest;
      requests.push({ method: req.method, path: req.url, authorization: req.headers.authorization, body });
      if (behaviour === 'never') return;
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end('not found');
        return;
      }
      if ('status' in behaviour) {
        res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(behaviour.body);
        return;
      }
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
      const sources = [...user.matchAll(/^\[(S\d+)\] (.+)$/gm)].map(([, id, text]) => ({ id: id!, text: text! }));
      const content = behaviour.rewrite(sources);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1_700_000_000,
          ...(behaviour.model !== null && { model: behaviour.model ?? 'mistral-7b-instruct-q4' }),
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: behaviour.finishReason ?? 'stop' }],
          ...(behaviour.usage !== false && { usage: { prompt_tokens: 412, completion_tokens: 128, total_tokens: 540 } }),
        }),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`, requests };
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const API_KEY = 'sk-local-7f3a9c1e5b2d';

const SOURCES: SourceSentence[] = [
  { id: 'S1', section: 'Autonomie', text: "Mme Leroux se déplace seule avec son déambulateur dans l'unité." },
  { id: 'S2', section: 'Autonomie', text: "Elle a besoin d'aide pour la toilette du dos et des pieds." },
  { id: 'S3', section: 'Vie sociale', text: "Elle participe à l'atelier chant du mardi avec M. Garnier." },
  { id: 'S4', section: 'Vie sociale', text: 'Elle dit : « Je m’ennuie le dimanche. Ma fille ne vient plus. »' },
  { id: 'S5', section: 'Souhaits', text: 'Elle souhaite revoir son jardin à Pontivy.' },
];

/** The source text as the fake model "rewrites" it: final period moved after the markers. */
const body = (s: Source): string => s.text.replace(/\.$/, '');
/** One sentence per source, each with its marker. */
const oneEach = (sources: Source[]): string => sources.map((s) => `${body(s)} [${s.id}].`).join('\n');

function config(baseUrl: string, extra: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl, model: 'local-model', apiKey: API_KEY, ...extra };
}

/** The LlmError a call fails with, checked for its reason and for the absence of the API key. */
async function failure(call: Promise<unknown>, reason: LlmErrorReason): Promise<LlmError> {
  const error = await call.then(
    () => expect.fail('expected an LlmError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  expect(error).toMatchObject({ reason });
  expect(String((error as LlmError).message)).not.toContain(API_KEY);
  expect(JSON.stringify(error)).not.toContain(API_KEY);
  return error as LlmError;
}

describe('rewriteSynthesis', () => {
  it('sends the sources to the chat-completions endpoint and keeps the links of a faithful rewrite', async () => {
    const llm = await startFakeLlm({ rewrite: oneEach });

    const result = await rewriteSynthesis(config(`${llm.baseUrl}/`, { maxTokens: 800 }), SOURCES);

    expect(llm.requests).toHaveLength(1);
    const [request] = llm.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: 'local-model', temperature: 0.2, max_tokens: 800 });
    const [system, user] = request?.body.messages ?? [];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('[S2][S5]'); // markers are required…
    expect(system?.content).toMatch(/aucun diagnostic/i); // …and no diagnosis
    expect(user?.role).toBe('user');
    expect(user?.content).toContain(`## Autonomie\n[S1] ${SOURCES[0]?.text}\n[S2] ${SOURCES[1]?.text}\n\n## Vie sociale\n[S3]`);
    expect(user?.content).toContain(`## Souhaits\n[S5] ${SOURCES[4]?.text}`);

    expect(result).toEqual({
      sentences: SOURCES.map((s) => ({ text: `${body(s)}.`, sources: [s.id] })),
      model: 'mistral-7b-instruct-q4', // as the server reports it
      promptVersion: PROMPT_VERSION,
      usage: { promptTokens: 412, completionTokens: 128 },
    });
  });

  it('keeps every link of sentences that merge several sources', async () => {
    const llm = await startFakeLlm({
      // S1 and S2 merged with markers after the period, everything on one line.
      rewrite: ([s1, , ...rest]) => `${body(s1!)}, mais elle a besoin d'aide pour sa toilette. [S1][S2] ${rest.map((s) => `${body(s)} [${s.id}].`).join(' ')}`,
    });

    const result = await rewriteSynthesis(config(llm.baseUrl), SOURCES);

    expect(result.sentences.map((s) => s.sources)).toEqual([['S1', 'S2'], ['S3'], ['S4'], ['S5']]);
    expect(result.sentences[0]?.text).toBe("Mme Leroux se déplace seule avec son déambulateur dans l'unité, mais elle a besoin d'aide pour sa toilette.");
    expect(result.sentences[1]?.text).toBe("Elle participe à l'atelier chant du mardi avec M. Garnier."); // "M." does not end it
    expect(result.sentences[2]?.text).toBe('Elle dit : « Je m’ennuie le dimanche. Ma fille ne vient plus. ».'); // nor the quotation
  });

  it('falls back on the configured model, and sends no Authorization header without an API key', async () => {
    const llm = await startFakeLlm({ rewrite: oneEach, model: null, usage: false });

    const result = await rewriteSynthesis(config(llm.baseUrl, { apiKey: undefined }), SOURCES);

    expect(llm.requests[0]?.authorization).toBeUndefined();
    expect(llm.requests[0]?.body.max_tokens).toBeGreaterThan(0);
    expect(result.model).toBe('local-model');
    expect(result).not.toHaveProperty('usage');
  });

  it('refuses a rewrite with a sentence that has no marker', async () => {
    const llm = await startFakeLlm({ rewrite: (sources) => oneEach(sources).replace('[S3]', '') });

    const error = await failure(rewriteSynthesis(config(llm.baseUrl), SOURCES), 'lost_links');

    expect(error.message).toContain('3 of 5');
    expect(error.message).not.toContain('Garnier'); // positions, never the person's data
  });

  it('refuses a sentence that lost its marker even inside a paragraph', async () => {
    // "… [S1]. Elle a besoin … pieds. Elle participe … [S3]." — the second sentence must not borrow S3.
    const llm = await startFakeLlm({ rewrite: (sources) => oneEach(sources).replace(' [S2]', '').replace(/\n/g, ' ') });

    const error = await failure(rewriteSynthesis(config(llm.baseUrl), SOURCES), 'lost_links');

    expect(error.message).toContain('without source markers: 2 of 5');
  });

  it('refuses a rewrite that cites an unknown source', async () => {
    const llm = await startFakeLlm({ rewrite: (sources) => oneEach(sources).replace('[S3]', '[S3][S99]') });

    const error = await failure(rewriteSynthesis(config(llm.baseUrl), SOURCES), 'lost_links');

    expect(error.message).toContain('S99');
  });

  it('refuses a rewrite that leaves more than a quarter of the sources uncited', async () => {
    const twoDropped = await startFakeLlm({ rewrite: (sources) => oneEach(sources.slice(2)) });
    const error = await failure(rewriteSynthesis(config(twoDropped.baseUrl), SOURCES), 'lost_links');
    expect(error.message).toContain('S1, S2');

    // One of five (a fifth) is tolerated: a source the model found redundant.
    const oneDropped = await startFakeLlm({ rewrite: (sources) => oneEach(sources.slice(1)) });
    const result = await rewriteSynthesis(config(oneDropped.baseUrl), SOURCES);
    expect(result.sentences.map((s) => s.sources)).toEqual([['S2'], ['S3'], ['S4'], ['S5']]);
  });

  it('reports an HTTP error with its status and a short excerpt, never the API key', async () => {
    const echo = JSON.stringify({ error: 'model overloaded', request: { headers: { authorization: `Bearer ${API_KEY}` } }, trace: 'x'.repeat(1000) });
    const llm = await startFakeLlm({ status: 500, body: echo });

    const error = await failure(rewriteSynthesis(config(llm.baseUrl), SOURCES), 'http_error');

    expect(error.message).toContain('500');
    expect(error.message).toContain('model overloaded');
    expect(error.message.length).toBeLessThan(350);
  });

  it('reports an answer that is not JSON, or has no content, as a bad response', async () => {
    const html = await startFakeLlm({ status: 200, body: '<html>Bad gateway</html>' });
    await failure(rewriteSynthesis(config(html.baseUrl), SOURCES), 'bad_response');

    const empty = await startFakeLlm({ status: 200, body: JSON.stringify({ object: 'chat.completion', choices: [] }) });
    await failure(rewriteSynthesis(config(empty.baseUrl), SOURCES), 'bad_response');
  });

  it('reports an answer cut short at max_tokens as a bad response', async () => {
    const llm = await startFakeLlm({ rewrite: (sources) => oneEach(sources).slice(0, 80), finishReason: 'length' });

    const error = await failure(rewriteSynthesis(config(llm.baseUrl), SOURCES), 'bad_response');

    expect(error.message).toContain('max_tokens');
  });

  it('gives up on a server that never answers', async () => {
    const llm = await startFakeLlm('never');

    const started = Date.now();
    const error = await failure(rewriteSynthesis(config(llm.baseUrl, { timeoutMs: 200 }), SOURCES), 'timeout');

    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(llm.requests).toHaveLength(1);
  });

  it('reports a server that is not there as unreachable', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;

    const error = await failure(rewriteSynthesis(config(baseUrl), SOURCES), 'unreachable');

    expect(error.message).toContain('ECONNREFUSED');
    await failure(rewriteSynthesis(config('not a url'), SOURCES), 'unreachable');
  });

  it('has nothing to ask for an empty synthesis', async () => {
    const llm = await startFakeLlm({ rewrite: oneEach });

    expect(await rewriteSynthesis(config(llm.baseUrl), [])).toEqual({ sentences: [], model: 'local-model', promptVersion: PROMPT_VERSION });
    expect(llm.requests).toHaveLength(0);
  });

  it('refuses source ids that cannot serve as markers', async () => {
    await expect(rewriteSynthesis(config('http://127.0.0.1:1/v1'), [{ id: 'a', section: 'x', text: 'y' }])).rejects.toThrow(TypeError);
    const twice = [SOURCES[0]!, SOURCES[0]!];
    await expect(rewriteSynthesis(config('http://127.0.0.1:1/v1'), twice)).rejects.toThrow(/unique/);
  });
});
