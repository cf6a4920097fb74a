import { splitCitedSentences } from './sentences.js';

/**
 * Optional rewriting of a needs synthesis by a language model, through any OpenAI-compatible
 * chat-completions endpoint (a local llama.cpp / vLLM / Ollama server, or a hosted one). The
 * product builds the synthesis extractively — sentences linked to their source records — and the
 * model may only make it read better: each sentence it writes must say which source sentences it
 * rests on, and an answer that loses links is refused as a whole (the caller keeps the extractive
 * text). Error messages carry neither the API key nor any sentence text: they end up in logs, and
 * the sentences are about a person's health and life.
 */

export interface LlmConfig {
  /** e.g. http://127.0.0.1:8080/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Default 60000. */
  timeoutMs?: number;
  maxTokens?: number;
}

export interface SourceSentence {
  /** 'S1', 'S2'… */
  id: string;
  section: string;
  text: string;
}

export interface RewrittenSentence {
  text: string;
  /** Ids of the SourceSentence(s) it is based on, at least one. */
  sources: string[];
}

export interface RewriteResult {
  sentences: RewrittenSentence[];
  /** As reported by the server's response, else config.model. */
  model: string;
  promptVersion: string;
  usage?: { promptTokens: number; completionTokens: number };
}

export type LlmErrorReason = 'unreachable' | 'timeout' | 'http_error' | 'bad_response' | 'lost_links';

export class LlmError extends Error {
  constructor(
    message: string,
    readonly reason: LlmErrorReason,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

/** Stored with each rewrite, so that one can tell which instructions produced it. Bump it with any change to the prompt. */
export const PROMPT_VERSION = 'synthesis-rewrite/1';

const DEFAULT_TIMEOUT_MS = 60_000;
/** Ample for a synthesis of a few dozen sentences; an answer cut short is refused (see finish_reason). */
const DEFAULT_MAX_TOKENS = 2048;
/** Low: a faithful rewrite, not a creative one. */
const TEMPERATURE = 0.2;
/** The rewrite may leave a few source sentences aside (merged, redundant), but no more than this share. */
const MAX_UNCITED_SHARE = 0.25;
const ERROR_EXCERPT_CHARS = 200;

const SYSTEM_PROMPT_FR = `Tu aides l'équipe d'un établissement médico-social (EHPAD) à préparer une réunion d'équipe.
Tu reçois la synthèse des besoins d'une personne accompagnée : des phrases sources regroupées par rubrique, chacune précédée d'un marqueur comme [S1].
Réécris cette synthèse en français clair, fluide et respectueux, pour qu'elle soit lue en réunion.

Règles impératives :
- Sois fidèle : n'ajoute aucun fait, aucun chiffre, aucune date, aucun nom qui ne figure pas dans les phrases sources, et n'en retire aucune information.
- Ne pose aucun diagnostic, ne fais aucune hypothèse médicale, ne porte aucun jugement sur la personne.
- Quand une phrase source rapporte les propres mots de la personne entre guillemets, recopie-les à l'identique, entre guillemets.
- Chaque phrase que tu écris se termine par les marqueurs des phrases sources sur lesquelles elle s'appuie, juste avant le point final. Forme attendue : Texte de la phrase [S1]. Pour une phrase qui en réunit plusieurs : Texte de la phrase [S2][S5].
- Chaque phrase source doit être citée au moins une fois. N'utilise aucun autre marqueur que ceux fournis.
- Écris une phrase par ligne, sans titre, sans liste à puces, sans introduction ni conclusion.`;

/** The prompts by language; French only for now. */
const PROMPTS = {
  fr: {
    system: SYSTEM_PROMPT_FR,
    user(sentences: readonly SourceSentence[]): string {
      const blocks = [...groupBySection(sentences)].map(([section, list]) =>
        [`## ${section}`, ...list.map((s) => `[${s.id}] ${s.text.replace(/\s+/g, ' ').trim()}`)].join('\n'),
      );
      return `Phrases sources, regroupées par rubrique :\n\n${blocks.join('\n\n')}\n\nRéécris ces phrases en respectant les règles ; chaque phrase se termine par ses marqueurs.`;
    },
  },
} as const;

/**
 * POSTs {baseUrl}/chat/completions and returns the rewritten sentences with their sources.
 * Throws LlmError when the server cannot be used or its answer loses links to the sources.
 */
export async function rewriteSynthesis(cfg: LlmConfig, sentences: readonly SourceSentence[], opts: { language?: 'fr' } = {}): Promise<RewriteResult> {
  checkSourceIds(sentences);
  if (sentences.length === 0) return { sentences: [], model: cfg.model, promptVersion: PROMPT_VERSION };

  const base = parseBaseUrl(cfg.baseUrl);
  const prompt = PROMPTS[opts.language ?? 'fr'];
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (cfg.apiKey) headers.authorization = `Bearer ${cfg.apiKey}`;

  let status: number;
  let raw: string;
  try {
    const res = await fetch(`${base.href}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        model: cfg.model,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user(sentences) },
        ],
        temperature: TEMPERATURE,
        max_tokens: cfg.maxTokens ?? DEFAULT_MAX_TOKENS,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    raw = await res.text();
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') {
      throw new LlmError(`LLM server ${base.display} did not answer within ${timeoutMs} ms`, 'timeout');
    }
    throw new LlmError(`LLM server ${base.display} unreachable: ${networkCause(err)}`, 'unreachable');
  }
  if (status < 200 || status >= 300) {
    throw new LlmError(`LLM server ${base.display} answered HTTP ${status}: ${excerpt(raw, cfg.apiKey)}`, 'http_error');
  }

  const answer = parseCompletion(raw);
  return {
    sentences: linkSentences(answer.content, sentences),
    model: answer.model ?? cfg.model,
    promptVersion: PROMPT_VERSION,
    ...(answer.usage && { usage: answer.usage }),
  };
}

/** Ids must be S1, S2…, unique: they become the markers the answer is checked against. */
function checkSourceIds(sentences: readonly SourceSentence[]): void {
  const seen = new Set<string>();
  for (const { id } of sentences) {
    if (!/^S\d+$/.test(id) || seen.has(id)) throw new TypeError(`Source sentence ids must be unique and of the form S1, S2…: ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

/** The endpoint's base without trailing slash, and a form fit for messages (no credentials nor query). */
function parseBaseUrl(baseUrl: string): { href: string; display: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new LlmError('LLM base URL is not a valid URL', 'unreachable');
  }
  return { href: baseUrl.replace(/\/+$/, ''), display: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function groupBySection(sentences: readonly SourceSentence[]): Map<string, SourceSentence[]> {
  const sections = new Map<string, SourceSentence[]>();
  for (const s of sentences) sections.set(s.section, [...(sections.get(s.section) ?? []), s]);
  return sections;
}

interface Completion {
  content: string;
  model: string | undefined;
  usage: RewriteResult['usage'];
}

/** The parts of a chat-completions answer we use; anything malformed is a 'bad_response'. */
function parseCompletion(raw: string): Completion {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new LlmError('LLM answer is not JSON', 'bad_response');
  }
  const choice: unknown = isRecord(json) && Array.isArray(json.choices) ? json.choices[0] : undefined;
  const message = isRecord(choice) ? choice.message : undefined;
  const content = isRecord(message) ? message.content : undefined;
  if (!isRecord(json) || !isRecord(choice) || typeof content !== 'string' || content.trim() === '') {
    throw new LlmError('LLM answer has no message content (choices[0].message.content)', 'bad_response');
  }
  // A rewrite cut at max_tokens lacks its end: better said plainly than reported as lost links.
  if (choice.finish_reason === 'length') throw new LlmError('LLM answer was cut short at max_tokens', 'bad_response');

  const usage = isRecord(json.usage) ? json.usage : {};
  return {
    content,
    model: typeof json.model === 'string' && json.model !== '' ? json.model : undefined,
    usage:
      typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number'
        ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens }
        : undefined,
  };
}

/**
 * The answer's sentences with their sources, if the links hold: every sentence cites at least one
 * source, only known ones, and at most a quarter of the sources go uncited. Messages give ids and
 * positions, never text.
 */
function linkSentences(content: string, sources: readonly SourceSentence[]): RewrittenSentence[] {
  const ids = new Set(sources.map((s) => s.id));
  const parsed = splitCitedSentences(content, [...new Set(sources.map((s) => s.section))]);

  const unknown = [...new Set(parsed.flatMap((s) => s.citations.filter((c) => !ids.has(c))))];
  if (unknown.length > 0) throw new LlmError(`LLM answer cites unknown sources: ${unknown.join(', ')}`, 'lost_links');

  const unsourced = parsed.flatMap((s, index) => (s.citations.length === 0 ? [index + 1] : []));
  if (unsourced.length > 0) {
    throw new LlmError(`LLM answer has sentences without source markers: ${unsourced.join(', ')} of ${parsed.length}`, 'lost_links');
  }

  const cited = new Set(parsed.flatMap((s) => s.citations));
  const uncited = [...ids].filter((id) => !cited.has(id));
  if (uncited.length > ids.size * MAX_UNCITED_SHARE) {
    throw new LlmError(`LLM answer leaves ${uncited.length} of ${ids.size} source sentences uncited: ${uncited.join(', ')}`, 'lost_links');
  }
  return parsed.map((s) => ({ text: s.text, sources: s.citations }));
}

/** A server's answer, shortened for an error message, with the API key masked should it be echoed. */
function excerpt(body: string, apiKey: string | undefined): string {
  const masked = apiKey ? body.replaceAll(apiKey, '***') : body;
  const flat = masked.replace(/\s+/g, ' ').trim();
  return flat.length > ERROR_EXCERPT_CHARS ? `${flat.slice(0, ERROR_EXCERPT_CHARS)}…` : flat || '(empty body)';
}

/** fetch() reports network failures as TypeError('fetch failed') with the system error as cause. */
function networkCause(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return err instanceof Error ? err.message : String(err);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
