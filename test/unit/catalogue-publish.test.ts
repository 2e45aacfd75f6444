import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { type CatalogueLookups, publishProblems } from '../../shared/domain/catalogue/publish';
import { type MatterContent, matterContentSchema } from '../../shared/domain/catalogue/model';

const lookups: CatalogueLookups = {
  department: async (code) => DEMO_CATALOGUE.departments.find((d) => d.code === code),
  licenceType: async (code) => DEMO_CATALOGUE.licenceTypes.find((l) => l.code === code),
  publishedMatter: async (code) => {
    const m = DEMO_CATALOGUE.matters.find((x) => x.code === code);
    return m ? (matterContentSchema.parse(m.content) as MatterContent) : undefined;
  },
};
const food = () => structuredClone(DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content) as unknown as MatterContent;

describe('the publish check', () => {
  it('passes the demo food licence as it is', async () => {
    expect(await publishProblems('matter', food(), lookups)).toEqual([]);
  });

  it('refuses stages whose longest path exceeds the promised limit, though each task fits alone', async () => {
    const content = food();
    const longest = content.procedure.stages.reduce((days, s) => days + Math.max(...s.tasks.map((t) => t.timeLimitDays)), 0);
    content.procedure.stages.push({ name: '复核', tasks: [{ department: 'SAMR', name: '复核', timeLimitDays: content.promisedLimitDays - longest + 1 }] });
    const problems = await publishProblems('matter', content, lookups);
    expect(problems).toContainEqual(expect.objectContaining({ path: 'content.procedure.stages', message: expect.stringContaining('more than the promised limit') }));
  });

  it('refuses a licence prefill that names a missing licence type or content field', async () => {
    const content = food();
    content.form.fields.push({ key: 'ghost', type: 'text', label: { zh: '幽灵', en: 'Ghost' }, required: false, prefill: 'licence:BUSINESS_LICENCE.noSuchField', maxLength: 50 } as never);
    content.form.fields.push({ key: 'ghost2', type: 'text', label: { zh: '幽灵', en: 'Ghost' }, required: false, prefill: 'licence:NO_SUCH_TYPE.name', maxLength: 50 } as never);
    const paths = (await publishProblems('matter', content, lookups)).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['content.form.ghost.prefill', 'content.form.ghost2.prefill']));
  });

  it('names a missing 十统一 element in Chinese', async () => {
    const { procedure: _gone, ...content } = food();
    expect(await publishProblems('matter', content, lookups)).toContainEqual(expect.objectContaining({ path: 'content.procedure', rule: 'required', messageZh: '缺少必要要素：办理流程' }));
  });
});
