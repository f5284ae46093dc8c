/**
 * `npm run demo`: the whole flow against a Herald on this machine. Uses the server of `npm start`
 * when one answers at HERALD_URL (default http://127.0.0.1:3000), else starts an in-memory one.
 *
 * 1. An inspector files a weapons call for two divisions, in English and French.
 * 2. A second inspector approves the exact content hash.
 * 3. Wait for every delivery, then print what went where and the approve-to-last-delivery time.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import { startLocalRuntime } from '../infra/local/runtime.js';

const baseUrl = process.env.HERALD_URL ?? 'http://127.0.0.1:3000';

async function main(): Promise<void> {
  const running = await fetch(`${baseUrl}/health`)
    .then((r) => r.ok)
    .catch(() => false);
  const runtime = running ? undefined : await startLocalRuntime({ port: 0, quiet: true });
  const url = runtime?.url ?? baseUrl;
  console.log(running ? `Using the Herald at ${url}` : `Started an in-memory Herald at ${url}`);
  try {
    await demo(url);
  } finally {
    await runtime?.stop();
  }
}

async function demo(url: string): Promise<void> {
  const call = async (method: string, path: string, user?: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (user) headers.authorization = `Bearer ${await token(user)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as any;
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const tokens = new Map<string, string>();
  const token = async (user: string): Promise<string> => {
    if (!tokens.has(user)) {
      const response = await fetch(`${url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      });
      tokens.set(user, ((await response.json()) as { token: string }).token);
    }
    return tokens.get(user) as string;
  };

  const filed = await call('POST', '/incidents', 'inspector.ada', {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14', '51'],
    languages: ['en', 'fr'],
    facts: {
      location: 'Queen St W and Bathurst St',
      time: '21:40',
      description: {
        en: 'Suspect: male, about 30, black hoodie, fled on foot northbound.',
        fr: 'Suspect : homme, environ 30 ans, chandail à capuchon noir, en fuite à pied vers le nord.',
      },
    },
    expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
  });
  const broadcast = filed.broadcast;
  console.log(
    `\nFiled ${filed.incident.id} as inspector.ada; broadcast ${broadcast.id} is ${broadcast.status}`,
  );
  console.log(
    `Audience: ${broadcast.audience.accounts.join(', ')}\n          ${broadcast.audience.topics.join(', ')}`,
  );

  await call('POST', `/broadcasts/${broadcast.id}/approve`, 'inspector.ben', {
    contentHash: broadcast.contentHash,
  });
  console.log('Approved by inspector.ben');

  let view: any;
  const deadline = Date.now() + 30_000;
  do {
    await new Promise((resolve) => setTimeout(resolve, 20));
    view = (await call('GET', `/broadcasts/${broadcast.id}`, 'inspector.ada')).broadcast;
  } while (view.status === 'DISPATCHING' && Date.now() < deadline);

  const deliveries = await call('GET', `/broadcasts/${broadcast.id}/deliveries`, 'inspector.ada');
  console.log(`\nDeliveries (${view.status}):`);
  for (const d of deliveries) {
    console.log(
      `  ${d.channel.padEnd(3)} ${d.target.padEnd(34)} ${d.status.padEnd(7)} attempts ${d.attempts}  ${d.providerIds.join(',')}`,
    );
  }
  const inbox = await fetch(`${url}/dev/inbox`).then((r) => r.json() as Promise<any>);
  const link: string = view.preview.link;
  const posts = inbox.posts.filter((p: any) => p.text.includes(link));
  const publishes = inbox.publishes.filter((p: any) => (p.sms ?? '').includes(link));
  console.log(`\nFake X received ${posts.length} posts; fake SNS received ${publishes.length} publishes.`);
  console.log(`First post (${posts[0]?.account}):\n  ${posts[0]?.text.replaceAll('\n', '\n  ')}`);

  const approvedAt = Date.parse(view.approval.at);
  const lastAt = Date.parse(view.delivery.lastDeliveredAt);
  console.log(`\nApprove-to-last-delivery: ${lastAt - approvedAt} ms (${deliveries.length} deliveries)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
