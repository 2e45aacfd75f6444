import type { Hall, HallBody } from './model';
import type { AppointmentStore } from './ports';
import { hallBodySchema } from './model';

/**
 * The demo service halls: 福州市行政服务中心 (350100) and 鼓楼区行政服务中心 (350102), open on working days 9:00–12:00 and
 * 14:00–17:00 (the demo catalogue's HOURS) in 30-minute slots. Their windows serve the demo catalogue's matters where
 * its guides send applicants (企业开办专区, 不动产登记“一窗受理”, the district's 城管 window). Addresses and phone numbers
 * are fictitious demo data.
 */
const HOURS = [
  { from: '09:00', to: '12:00' },
  { from: '14:00', to: '17:00' },
];

export const DEMO_HALLS: readonly (HallBody & { id: string })[] = [
  {
    id: 'FUZHOU-CENTRE',
    name: '福州市行政服务中心',
    regionCode: '350100',
    address: '福州市鼓楼区示例路1号（演示地址）',
    phone: '0591-12345678',
    hours: HOURS,
    slotMinutes: 30,
    windows: [
      {
        id: 'W01',
        name: '综合受理窗口1（企业开办专区）',
        matters: ['COMPANY-REGISTRATION', 'SEAL-FILING', 'INVOICE-APPLICATION', 'SOCIAL-INSURANCE-REGISTRATION'],
        capacity: 2,
      },
      {
        id: 'W02',
        name: '综合受理窗口2（企业开办专区）',
        matters: ['COMPANY-REGISTRATION', 'FOOD-BUSINESS-LICENCE', 'PUBLIC-HYGIENE-LICENCE'],
        capacity: 2,
      },
      {
        id: 'W03',
        name: '综合受理窗口3',
        matters: ['FOOD-BUSINESS-LICENCE', 'PUBLIC-HYGIENE-LICENCE', 'CONSTRUCTION-PERMIT'],
        capacity: 1,
      },
      { id: 'W04', name: '综合受理窗口4（不动产登记“一窗受理”）', matters: ['REAL-ESTATE-REGISTRATION'], capacity: 3 },
    ],
  },
  {
    id: 'GULOU-CENTRE',
    name: '鼓楼区行政服务中心',
    regionCode: '350102',
    address: '福州市鼓楼区示例街88号（演示地址）',
    phone: '0591-87654321',
    hours: HOURS,
    slotMinutes: 30,
    windows: [
      { id: 'W01', name: '综合受理窗口1', matters: ['OUTDOOR-AD-PERMIT', 'COMPANY-REGISTRATION'], capacity: 2 },
      {
        id: 'W02',
        name: '综合受理窗口2',
        matters: ['OUTDOOR-AD-PERMIT', 'SEAL-FILING', 'INVOICE-APPLICATION'],
        capacity: 1,
      },
    ],
  },
];

/**
 * Loads halls that are not there yet and leaves existing ones alone (an administrator may have changed them), so it
 * can run at every start. The shapes are checked; the matter codes are the demo catalogue's (see the unit test).
 */
export async function seedHalls(
  store: Pick<AppointmentStore, 'putHall'>,
  halls: readonly (HallBody & { id: string })[] = DEMO_HALLS,
  now: () => Date = () => new Date(),
): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const { id, ...body } of halls) {
    const hall: Hall = { ...hallBodySchema.parse(body), id, updatedAt: now().toISOString(), updatedBy: 'seed' };
    if (await store.putHall(hall, 'create')) created.push(id);
  }
  return { created };
}
