import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BusEvent, LocalEventBus } from './event-bus';

/**
 * The local side of `npm run redrive`: the rules' DLQ files (`dlq-<rule>.jsonl`) delivered again, once each, to their
 * rule's target; what was delivered leaves the file, what failed again stays. A running `npm start` does it itself
 * when asked through a request file, since its DynamoDB Local owns the data folder.
 */

export interface RedriveResult {
  readonly rule: string;
  readonly redriven: number;
  readonly failed: number;
}

/** Redrives every DLQ file of the bus (or only `rule`'s); returns per rule what was delivered and what stays. */
export async function redriveBus(bus: LocalEventBus, options: { rule?: string } = {}): Promise<RedriveResult[]> {
  const dir = bus.dataDir;
  if (!dir || !existsSync(dir)) return [];
  const results: RedriveResult[] = [];
  const files = readdirSync(dir)
    .filter((f) => /^dlq-.+\.jsonl$/.test(f))
    .sort();
  for (const file of files) {
    const rule = file.slice('dlq-'.length, -'.jsonl'.length);
    if (options.rule && options.rule !== rule) continue;
    const path = join(dir, file);
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const left: string[] = [];
    let redriven = 0;
    for (const line of lines) {
      let letter: { event: BusEvent };
      try {
        letter = JSON.parse(line) as { event: BusEvent };
      } catch {
        left.push(line); // not ours to judge: kept for a person to look at
        continue;
      }
      try {
        await bus.redeliver(rule, letter.event);
        redriven += 1;
        const i = bus.deadLetters.findIndex((d) => d.rule === rule && d.event.id === letter.event.id);
        if (i >= 0) bus.deadLetters.splice(i, 1);
      } catch (error) {
        left.push(JSON.stringify({ ...letter, error: `${(error as Error).name}: ${(error as Error).message}` }));
      }
    }
    // Lines the bus appended meanwhile (a delivery that died during the redrive) are kept.
    const appended = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(lines.length);
    const remaining = [...left, ...appended];
    if (remaining.length === 0) rmSync(path, { force: true });
    else writeFileSync(path, `${remaining.join('\n')}\n`);
    results.push({ rule, redriven, failed: left.length });
  }
  return results;
}

const PID_FILE = 'cloud.pid';
const REQUEST_FILE = 'redrive.request';
const RESULT_FILE = 'redrive.result.json';

/** The pid of a local cloud that serves this events folder, if one runs. */
export function runningCloudPid(eventsDir: string): number | undefined {
  const path = join(eventsDir, PID_FILE);
  if (!existsSync(path)) return undefined;
  const pid = Number(readFileSync(path, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0); // signal 0: only asks whether it lives
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * A running local cloud answers redrive requests (a file the script writes) every second; returns the stop. Only for
 * a kept data folder (npm start): a throw-away cloud has nobody to ask it.
 */
export function serveRedriveRequests(bus: LocalEventBus, log?: (line: string) => void): () => void {
  const dir = bus.dataDir;
  if (!dir) return () => undefined;
  writeFileSync(join(dir, PID_FILE), String(process.pid));
  let busy = false;
  const timer = setInterval(() => {
    const request = join(dir, REQUEST_FILE);
    if (busy || !existsSync(request)) return;
    busy = true;
    let rule: string | undefined;
    try {
      rule = (JSON.parse(readFileSync(request, 'utf8')) as { rule?: string }).rule;
    } catch {
      rule = undefined;
    }
    void redriveBus(bus, { rule })
      .then((results) => {
        writeFileSync(join(dir, RESULT_FILE), JSON.stringify(results));
        log?.(
          `redrive: ${results.map((r) => `${r.rule} ${r.redriven} redriven, ${r.failed} failed`).join('; ') || 'no DLQ files'}`,
        );
      })
      .catch((error: Error) => writeFileSync(join(dir, RESULT_FILE), JSON.stringify({ error: error.message })))
      .finally(() => {
        rmSync(request, { force: true });
        busy = false;
      });
  }, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    try {
      if (readFileSync(join(dir, PID_FILE), 'utf8').trim() === String(process.pid)) unlinkSync(join(dir, PID_FILE));
    } catch {
      // gone already
    }
  };
}

/** Asks the running cloud to redrive and waits for its answer (at most `timeoutMs`). */
export async function requestRedrive(
  eventsDir: string,
  options: { rule?: string; timeoutMs?: number } = {},
): Promise<RedriveResult[]> {
  rmSync(join(eventsDir, RESULT_FILE), { force: true });
  writeFileSync(join(eventsDir, REQUEST_FILE), JSON.stringify({ rule: options.rule }));
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    if (!existsSync(join(eventsDir, REQUEST_FILE)) && existsSync(join(eventsDir, RESULT_FILE))) {
      const answer = JSON.parse(readFileSync(join(eventsDir, RESULT_FILE), 'utf8')) as
        | RedriveResult[]
        | { error: string };
      rmSync(join(eventsDir, RESULT_FILE), { force: true });
      if (!Array.isArray(answer)) throw new Error(`The running local cloud could not redrive: ${answer.error}`);
      return answer;
    }
  }
  throw new Error('The running local cloud did not answer the redrive request in time (is it stuck?)');
}
