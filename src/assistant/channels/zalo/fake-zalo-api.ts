import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/**
 * A local stand-in for openapi.zalo.me in tests (set ZALO_API_BASE to `url`). Records every request and
 * answers with what `respond` returns (default: Zalo's success body). Not used by production code.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { recipient?: { user_id?: string }; message?: { text?: string; attachment?: { payload?: { buttons?: Array<{ title: string; type: string; payload: string }> } } } };
}

export type Responder = (req: RecordedRequest, n: number) => { status: number; body?: unknown; delayMs?: number };

export const ZALO_OK = (n: number) => ({ status: 200, body: { error: 0, message: 'Success', data: { message_id: `msg-${n}`, user_id: '2512523625412515' } } });

export async function startFakeZaloApi(respond: Responder = (_r, n) => ZALO_OK(n)) {
  const requests: RecordedRequest[] = [];
  let responder = respond;
  const server: Server = createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => {
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(data) as RecordedRequest['body'];
      } catch {
        body = {};
      }
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(rec);
      const r = responder(rec, requests.length);
      const answer = () => {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(r.body === undefined ? '' : JSON.stringify(r.body));
      };
      if (r.delayMs) setTimeout(answer, r.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Texts received so far, in order. */
    texts: () => requests.map((r) => r.body.message?.text ?? ''),
    setResponder(r: Responder) {
      responder = r;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
