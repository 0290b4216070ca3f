import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  key: string | undefined;
  contentType: string | undefined;
  caseId: string | undefined;
  raw: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the partner message as JSON
  body: any;
  status: number;
  at: number;
}

/** How the receiver answers one case's requests: `n` counts that case's requests from 1. */
export type Script = (n: number, request: ReceivedRequest) => { status: number; delayMs?: number };

/**
 * A partner's webhook endpoint on 127.0.0.1 with a scripted answer per case. Requests for cases
 * no test scripted (other tests' authorizations, read from the shared topic) get 200 at once.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  url = '';
  private readonly scripts = new Map<string, Script>();
  private readonly server: Server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const body = parse(raw);
      const caseId = body?.warning?.caseId;
      const request: ReceivedRequest = {
        key: req.headers['idempotency-key'] as string | undefined,
        contentType: req.headers['content-type'],
        caseId,
        raw,
        body,
        status: 0,
        at: Date.now(),
      };
      const script = caseId ? this.scripts.get(caseId) : undefined;
      const n = this.requests.filter((r) => r.caseId === caseId).length + 1;
      const answer = script ? script(n, request) : { status: 200 };
      request.status = answer.status;
      this.requests.push(request);
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      res.on('error', () => undefined);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: answer.status }));
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/partner/warnings`;
    return receiver;
  }

  script(caseId: string, script: Script): void {
    this.scripts.set(caseId, script);
  }

  of(caseId: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.caseId === caseId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the JSON they were sent
function parse(raw: string): any {
  try {
    return JSON.parse(raw);
  } catch {
    return null; // kept as raw
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
