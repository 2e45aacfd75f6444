import { parseArgs } from 'node:util';
import { DEMO_DAY, type FreshDemoCloud, runningPlatform, startFreshDemoCloud } from './demo-cloud';
import { type DemoPlatform, DemoFailed, runDemo } from './demo-steps';

/** `npm run demo`: a day at the one-stop service centre, against the running platform or a fresh one of its own. */
const HELP = `Usage: npm run demo -- [--port 3000] [--fresh] [--day ${DEMO_DAY}] [--data-dir .local] [--keep] [--verbose]
  Plays a day against the platform at http://127.0.0.1:<port> (npm start) when one answers there,
  otherwise against a fresh local cloud it starts in this process (on a free port, data thrown away).
  --fresh     always start a fresh local cloud, even if one runs on the port
  --day       the fresh cloud's day (its clock is movable; deadlines count working days from it)
  --data-dir  where the running platform keeps its identity key (the one npm run token uses)
  --keep      keep the fresh cloud running after the demo, to look around (Ctrl+C stops it)
  --verbose   show the fresh cloud's function logs too
Exits 0 only if every step did what it should.`;

async function probe(url: string): Promise<'one-stop' | 'other' | 'none'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json().catch(() => ({}))) as { service?: string };
    return response.ok && body.service === 'one-stop' ? 'one-stop' : 'other';
  } catch {
    return 'none';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      fresh: { type: 'boolean', default: false },
      day: { type: 'string', default: DEMO_DAY },
      'data-dir': { type: 'string', default: process.env.LOCAL_DATA_DIR ?? '.local' },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.day))
    throw new Error(`--day must be a date like ${DEMO_DAY}, not ${values.day}`);

  const baseUrl = `http://127.0.0.1:${Number(values.port)}`;
  const found = values.fresh ? 'none' : await probe(`${baseUrl}/health`);
  let fresh: FreshDemoCloud | undefined;
  let platform: DemoPlatform;
  if (found === 'one-stop') {
    platform = await runningPlatform(baseUrl, values['data-dir']);
  } else {
    if (found === 'other') console.log(`Something else answers at ${baseUrl}; starting a fresh local cloud instead.`);
    console.log('Starting a fresh local cloud (DynamoDB Local, S3, the demo catalogue)…');
    // The handlers' JSON logs would drown the timeline; --verbose (or LOG_LEVEL) shows them.
    if (!values.verbose) process.env.LOG_LEVEL ??= 'SILENT';
    fresh = await startFreshDemoCloud({ day: values.day });
    platform = fresh.platform;
    const stop = () => void fresh!.stop().finally(() => process.exit(130));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }

  let code = 0;
  try {
    await runDemo(platform);
  } catch (error) {
    if (!(error instanceof DemoFailed))
      console.error(`The demo could not run: ${error instanceof Error ? error.message : String(error)}`);
    else if (fresh && !values.verbose) console.log('The platform’s own logs: npm run demo -- --verbose');
    code = 1;
  }
  if (fresh && values.keep) {
    console.log(
      `\nThe fresh local cloud keeps running at ${platform.baseUrl} (its clock stands still; public routes such as the verification URL answer). Ctrl+C stops it.`,
    );
    return new Promise<number>(() => {});
  }
  await fresh?.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`The demo could not start: ${error.message}`);
    process.exit(1);
  },
);
