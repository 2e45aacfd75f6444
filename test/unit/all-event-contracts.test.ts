import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_EVENT_CONTRACTS } from '../../shared/contracts/all-events';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';

const root = join(__dirname, '..', '..');

/** The sources on the wire: rules, the archive's partitions and the departments' systems depend on them. */
const WIRE_SOURCES = {
  applications: 'gov.one-stop.applications',
  workflow: 'gov.one-stop.workflow',
  engagement: 'gov.one-stop.engagement',
  supervision: 'gov.one-stop.supervision',
  licences: 'gov.one-stop.licences',
  appointments: 'gov.one-stop.appointments',
  delivery: 'gov.one-stop.delivery',
  payments: 'gov.one-stop.payments',
  catalogue: 'gov.one-stop.catalogue',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the table of event sources', () => {
  it('holds every source on the wire, unchanged', () => {
    expect(EVENT_SOURCES).toEqual(WIRE_SOURCES);
  });

  it('is used: every contract comes from a source in the table, and every source publishes something', () => {
    const sources = new Set<string>(Object.values(EVENT_SOURCES));
    for (const contract of ALL_EVENT_CONTRACTS) expect(sources).toContain(contract.source);
    expect(new Set(ALL_EVENT_CONTRACTS.map((c) => c.source))).toEqual(sources);
  });

  it('is the only place a source is written: no module of shared/ or functions/ spells one out', () => {
    const spelled = ['shared', 'functions']
      .flatMap(sourceFiles)
      .filter((file) => !file.endsWith(join('contracts', 'event-contract.ts')))
      .filter((file) => /['"`]gov\.one-stop\.[a-z-]+['"`]/.test(readFileSync(join(root, file), 'utf8')))
      .map((file) => relative(root, join(root, file)));
    expect(spelled).toEqual([]);
  });
});

describe('ALL_EVENT_CONTRACTS', () => {
  it('names each detail-type once', () => {
    const detailTypes = ALL_EVENT_CONTRACTS.map((c) => c.detailType);
    expect(new Set(detailTypes).size).toBe(detailTypes.length);
  });
});
