import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import type { CatalogueLookups } from '../../shared/domain/catalogue/ports';
import { publishProblems } from '../../shared/domain/catalogue/publish';
import { type MatterContent, matterContentSchema } from '../../shared/domain/catalogue/model';

const lookups: CatalogueLookups = {
  department: async (code) => DEMO_CATALOGUE.departments.find((d) => d.code === code),
  licenceType: async (code) => DEMO_CATALOGUE.licenceTypes.find((l) => l.code === code),
  publishedMatter: async (code) => {
    const m = DEMO_CATALOGUE.matters.find((x) => x.code === code);
    return m ? (matterContentSchema.parse(m.content) as MatterContent) : undefined;
  },
};
const food = () =>
  structuredClone(
    DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content,
  ) as unknown as MatterContent;

describe('the publish check', () => {
  it('passes the demo food licence as it is', async () => {
    expect(await publishProblems('matter', food(), lookups)).toEqual([]);
  });

  it('refuses stages whose longest path exceeds the promised limit, though each task fits alone', async () => {
    const content = food();
    const longest = content.procedure.stages.reduce(
      (days, s) => days + Math.max(...s.tasks.map((t) => t.timeLimitDays)),
      0,
    );
    content.procedure.stages.push({
      name: '复核',
      tasks: [{ department: 'SAMR', name: '复核', timeLimitDays: content.promisedLimitDays - longest + 1 }],
    });
    const problems = await publishProblems('matter', content, lookups);
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: 'content.procedure.stages',
        message: expect.stringContaining('more than the promised limit'),
      }),
    );
  });

  it('refuses a licence prefill that names a missing licence type or content field', async () => {
    const content = food();
    content.form.fields.push({
      key: 'ghost',
      type: 'text',
      label: { zh: '幽灵', en: 'Ghost' },
      required: false,
      prefill: 'licence:BUSINESS_LICENCE.noSuchField',
      maxLength: 50,
    } as never);
    content.form.fields.push({
      key: 'ghost2',
      type: 'text',
      label: { zh: '幽灵', en: 'Ghost' },
      required: false,
      prefill: 'licence:NO_SUCH_TYPE.name',
      maxLength: 50,
    } as never);
    const paths = (await publishProblems('matter', content, lookups)).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['content.form.ghost.prefill', 'content.form.ghost2.prefill']));
  });

  it('names a missing 十统一 element in Chinese', async () => {
    const { procedure: _gone, ...content } = food();
    expect(await publishProblems('matter', content, lookups)).toContainEqual(
      expect.objectContaining({ path: 'content.procedure', rule: 'required', messageZh: '缺少必要要素：办理流程' }),
    );
  });
});

describe('the publish check with the region’s compression rule (seed 001: 承诺时限较法定时限压缩50%以上)', () => {
  const warn = { mode: 'warn', maxPromisedPercent: 50 } as const;
  const refuse = { mode: 'refuse', maxPromisedPercent: 50 } as const;
  /** The food licence (legal 10) promising `days`; its stages take 4, so 6 is the shortest breaking promise. */
  const promising = (days: number) => ({ ...food(), promisedLimitDays: days });

  it('passes a promise of exactly half the legal limit (10 → 5) in either mode', async () => {
    expect(await publishProblems('matter', promising(5), lookups, { compression: refuse })).toEqual([]);
    expect(await publishProblems('matter', promising(5), lookups, { compression: warn })).toEqual([]);
  });

  it('refuses 6 of 10 days, naming promisedLimitDays and the rule in English and Chinese', async () => {
    const problems = await publishProblems('matter', promising(6), lookups, {
      compression: refuse,
      acknowledgeCompression: true,
    });
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'content.promisedLimitDays',
        rule: 'compression',
        message: expect.stringContaining(
          'at most 50 % of the legal limit (10 working days → at most 5), it is 6 (60 %)',
        ),
        messageZh: expect.stringContaining('压缩50%以上'),
      }),
    ]);
  });

  it('warns until the publisher acknowledges it, then passes', async () => {
    const unacknowledged = await publishProblems('matter', promising(6), lookups, { compression: warn });
    expect(unacknowledged).toEqual([
      expect.objectContaining({
        path: 'content.promisedLimitDays',
        rule: 'compression-warning',
        message: expect.stringContaining('acknowledgeCompression'),
      }),
    ]);
    expect(
      await publishProblems('matter', promising(6), lookups, { compression: warn, acknowledgeCompression: true }),
    ).toEqual([]);
  });

  it('follows a stricter configured share (30 %: 5 of 10 breaks it)', async () => {
    const problems = await publishProblems('matter', promising(5), lookups, {
      compression: { mode: 'refuse', maxPromisedPercent: 30 },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'compression',
        messageZh: expect.stringContaining('压缩70%以上（法定 10 个工作日，承诺至多 3 个）'),
      }),
    ]);
  });

  it('passes a 即办件 whose legal limit is 0', async () => {
    const sealFiling = structuredClone(
      DEMO_CATALOGUE.matters.find((m) => m.code === 'SEAL-FILING')!.content,
    ) as unknown as MatterContent;
    const immediate = { ...sealFiling, legalLimitDays: 0, promisedLimitDays: 0 };
    expect(await publishProblems('matter', immediate, lookups, { compression: refuse })).toEqual([]);
  });

  it('does not check the rule when none is given (limits are still checked against each other)', async () => {
    expect(await publishProblems('matter', promising(6), lookups)).toEqual([]);
  });
});
