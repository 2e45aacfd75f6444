import { feeFor, yuanToFen } from '../../shared/domain/catalogue/fees';
import { matterContentSchema } from '../../shared/domain/catalogue/model';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';

const realEstate = matterContentSchema.parse(
  DEMO_CATALOGUE.matters.find((m) => m.code === 'REAL-ESTATE-REGISTRATION')!.content,
);

describe('feeFor', () => {
  it('charges the residential or the non-residential registration fee by the form’s use, in fen', () => {
    expect(feeFor(realEstate, { propertyUsage: 'residential' })).toMatchObject({
      totalFen: 8000,
      lines: [{ name: '住宅类不动产登记费（每件）', quantity: 1 }],
    });
    expect(feeFor(realEstate, { propertyUsage: 'office' }).totalFen).toBe(55000);
  });

  it('owes nothing for a free matter or a form that meets no item', () => {
    const free = matterContentSchema.parse(DEMO_CATALOGUE.matters.find((m) => m.code === 'SEAL-FILING')!.content);
    expect(feeFor(free, {})).toEqual({ lines: [], totalFen: 0 });
    expect(feeFor(realEstate, {}).totalFen).toBe(0);
  });

  it('multiplies per-unit items by a whole quantity and adds without floating-point drift', () => {
    const fees = {
      charged: true as const,
      items: [
        { name: '工本费', amountYuan: 0.1, basis: 'b', perUnit: { field: 'copies' } },
        { name: '证书费', amountYuan: 0.2, basis: 'b' },
      ],
    };
    expect(feeFor({ fees }, { copies: 3 }).totalFen).toBe(50);
    expect(feeFor({ fees }, { copies: 2.5 }).totalFen).toBe(20);
    expect(yuanToFen(19.99)).toBe(1999);
  });

  it('refuses at publication a fee condition on a field the form does not have', () => {
    const broken = { ...DEMO_CATALOGUE.matters.find((m) => m.code === 'REAL-ESTATE-REGISTRATION')!.content };
    broken.fees = {
      charged: true,
      items: [{ name: 'x', amountYuan: 1, basis: 'b', when: { field: 'nope', in: ['a'] } }],
    } as never;
    const result = matterContentSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain('fees.items.0.when.field');
  });
});
