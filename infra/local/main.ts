import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalCloud } from './cloud';
import { connectDemoDepartments } from './departments';
import { ensureWebBuilt } from './web-build';

/** `npm start`: the platform on this machine, data under .local/ (git-ignored). */
const HELP = `Usage: npm start -- [--port 3000] [--host 127.0.0.1] [--data-dir .local] [--clean] [--quiet] [--no-departments]
  --clean           start with empty data (the local signing key is kept, so tokens stay valid)
  --quiet           do not log each request
  --no-departments  do not run SAMR's simulated system (webhooks) nor set URBAN to the exchange folder
  --oidc-issuer <url> --oidc-client-id <id> [--oidc-audience <aud>]… [--oidc-scope "openid profile"]
                    sign in with this OpenID provider instead of the demo identities, as a deployed stage does
                    (the API trusts its tokens for these audiences, by default the client id; /local/… is off)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'data-dir': { type: 'string', default: process.env.LOCAL_DATA_DIR ?? '.local' },
      clean: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'no-departments': { type: 'boolean', default: false },
      'approve-after': { type: 'string', default: '5000' },
      help: { type: 'boolean', default: false },
      'oidc-issuer': { type: 'string' },
      'oidc-client-id': { type: 'string' },
      'oidc-audience': { type: 'string', multiple: true },
      'oidc-scope': { type: 'string' },
    },
  });
  if (values.help) return void console.log(HELP);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not ${values.port}`);
  const dataDir = resolve(values['data-dir']);
  if (values.clean && existsSync(dataDir)) {
    for (const entry of readdirSync(dataDir))
      if (entry !== 'identity') rmSync(join(dataDir, entry), { recursive: true, force: true });
  }

  const issuer = values['oidc-issuer'];
  const clientId = values['oidc-client-id'];
  if (Boolean(issuer) !== Boolean(clientId)) throw new Error('--oidc-issuer and --oidc-client-id go together');
  const oidc =
    issuer && clientId
      ? { issuer, clientId, audience: values['oidc-audience'] ?? [clientId], scope: values['oidc-scope'] }
      : undefined;

  ensureWebBuilt(process.cwd());
  const cloud = await LocalCloud.start({
    dataDir,
    port,
    host: values.host,
    clock: 'real',
    seed: true,
    oidc,
    log: values.quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  const department = values['no-departments']
    ? undefined
    : await connectDemoDepartments(cloud, { approveAfterMs: Number(values['approve-after']) });
  console.log(`一网通办 local cloud is running
  web            ${cloud.baseUrl}/  (the online service hall; ${oidc ? `sign in with ${oidc.issuer} (redirect URI ${cloud.baseUrl}/auth/callback)` : `sign in with a demo identity at ${cloud.baseUrl}/sign-in`})
  workbench      ${cloud.baseUrl}/workbench  (window, departments, supervision, administration)
  API            ${cloud.baseUrl}
  health         ${cloud.baseUrl}/health
  API document   ${cloud.baseUrl}/openapi.json
  AWS endpoint   ${cloud.awsEndpoint} (Step Functions, EventBridge)
  data           ${dataDir}
  messages       SMS and e-mail bodies in ${join(dataDir, 'outbox')} (sms/, email/); the inbox at GET /me/inbox
  event archive  the analytics bucket, events/dt=<date>/ (JSON Lines, as Athena reads them in AWS)
  departments    ${department ? `SAMR's simulated system at ${department.url} (webhooks, approves after ${values['approve-after']} ms); ` : ''}URBAN via the exchange folder; others via GET /tasks
  a token        npm run -s token -- --role applicant --id-number 11010519491231002X
Press Ctrl+C to stop.`);

  const shutdown = () => {
    console.log('stopping…');
    void Promise.all([department?.stop(), cloud.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(`The local cloud could not start: ${error.message}`);
  process.exit(1);
});
