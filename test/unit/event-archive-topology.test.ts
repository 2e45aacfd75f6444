import { topology } from '../../infra/topology';
import { type Topology, topologyProblems } from '../../infra/topology-model';

/** The delivery streams' declarations are checked with the rest of the topology, before CDK or the local cloud use them. */
const archive = topology.deliveryStreams.eventArchive;
const withArchive = (changes: Partial<typeof archive>): Topology => ({
  ...topology,
  deliveryStreams: { eventArchive: { ...archive, ...changes } },
});

describe('the topology’s delivery streams', () => {
  it('are sound as declared, and no function archives events any more', () => {
    expect(topologyProblems(topology)).toEqual([]);
    expect(Object.values(topology.functions).some((f) => f.entry.includes('archive'))).toBe(false);
    expect(topology.rules.map((r): string => r.name)).not.toContain(archive.rule.name);
  });

  it('refuse an unknown bucket, a rule name taken twice, buffers Firehose does not allow, and errors under the archive', () => {
    expect(topologyProblems(withArchive({ bucket: 'nowhere' as never }))).toEqual([
      'delivery stream eventArchive: unknown bucket "nowhere"',
    ]);
    expect(
      topologyProblems(withArchive({ rule: { ...archive.rule, name: topology.rules[0]!.name } as never })),
    ).toEqual([`rule ${topology.rules[0]!.name} is declared twice`]);
    expect(topologyProblems(withArchive({ bufferMiB: 256 as never, bufferSeconds: 901 as never }))).toEqual([
      'delivery stream eventArchive: buffer of 1 to 128 MiB',
      'delivery stream eventArchive: buffer of 0 to 900 s',
    ]);
    expect(
      topologyProblems(withArchive({ errorOutputPrefix: 'events/failed/!{firehose:error-output-type}/' as never })),
    ).toEqual(["delivery stream eventArchive: failed records must not land under the archive's prefix"]);
  });
});
