import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalCloud } from './cloud';

/** `npm start`: the platform on this machine, data under .local/ (git-ignored). */
const HELP = `Usage: npm start -- [--port 3000] [--host 127.0.0.1] [--data-dir .local] [--clean] [--quiet]
  --clean     start with empty data (the local signing key is kept, so tokens stay valid)
  --quiet     do not log each request`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'data-dir': { type: 'string', default: process.env.LOCAL_DATA_DIR ?? '.local' },
      clean: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(HELP);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const dataDir = resolve(values['data-dir']);
  if (values.clean && existsSync(dataDir)) {
    for (const entry of readdirSync(dataDir)) if (entry !== 'identity') rmSync(join(dataDir, entry), { recursive: true, force: true });
  }

  const cloud = await LocalCloud.start({
    dataDir,
    port,
    host: values.host,
    clock: 'real',
    seed: true,
    log: values.quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`一网通办 local cloud is running
  API            ${cloud.baseUrl}
  health         ${cloud.baseUrl}/health
  API document   ${cloud.baseUrl}/openapi.json
  AWS endpoint   ${cloud.awsEndpoint} (Step Functions, EventBridge)
  data           ${dataDir}
  a token        npm run -s token -- --role applicant --id-number 11010519491231002X
Press Ctrl+C to stop.`);

  const shutdown = () => {
    console.log('stopping…');
    void cloud.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(`The local cloud could not start: ${error.message}`);
  process.exit(1);
});
