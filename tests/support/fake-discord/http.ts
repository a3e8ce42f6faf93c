import type { IncomingMessage, ServerResponse } from 'node:http';

/** One REST request as the fake received it, with the answer it gave. */
export interface RecordedRequest {
  method: string;
  /** Path after the API version, e.g. `/interactions/123/abc/callback`; the full path when unversioned. */
  path: string;
  /** API version from the URL (`10` for `/api/v10/...`), or null if the URL had none. */
  version: number | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body (for multipart uploads: the `payload_json` part), or undefined when there was none. */
  body: unknown;
  /** Names of files uploaded in a multipart body. */
  files: string[];
  /** The status answered; 0 for a request the fake was told to leave hanging. */
  status: number;
  /** True when no route of the fake matched: the bot called something the fake (and maybe Discord) does not have. */
  unmatched: boolean;
  at: number;
}

/** The parsed body of a request, JSON or multipart (discord.js sends multipart when files are attached). */
export async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: string[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const payload = form.get('payload_json');
    const files = [...form.entries()].filter(([, value]) => typeof value !== 'string').map(([, value]) => (value as File).name);
    return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}

export interface Reply {
  status: number;
  /** undefined → no body and no content type at all (Discord's 204s look like that). */
  json?: unknown;
}

export const noContent: Reply = { status: 204 };
export const ok = (json: unknown): Reply => ({ status: 200, json });

/** Discord's error body: `{ message, code }`, plus `errors` for form validation (code 50035). */
export function discordError(status: number, code: number, message: string, errors?: unknown): Reply {
  return { status, json: { message, code, ...(errors === undefined ? {} : { errors }) } };
}

export function send(response: ServerResponse, reply: Reply): void {
  if (reply.json === undefined) {
    response.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.json);
  response.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
