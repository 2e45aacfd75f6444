import { checkAddress, isDistrictCode } from '../../shared/domain/delivery/choice';
import { newSteps } from '../../shared/domain/delivery/tracking';
import type { CaseDelivery } from '../../shared/domain/delivery/model';

const good = {
  recipient: '林晓明',
  phone: '13800138000',
  regionCode: '350102',
  street: '福州市鼓楼区五四路88号',
  postcode: '350001',
};
const rulesOf = (address: typeof good) => checkAddress(address).problems.map((p) => `${p.path}:${p.rule}`);

describe('a postal address', () => {
  it('passes when every field keeps its rule, trimmed', () => {
    const { address, problems } = checkAddress({ ...good, recipient: '  林晓明 ', street: ' 福州市鼓楼区五四路88号 ' });
    expect(problems).toEqual([]);
    expect(address).toEqual(good);
  });

  it('names every bad field at once, each with its rule and a Chinese message', () => {
    const problems = checkAddress({
      recipient: ' ',
      phone: '12800138000',
      regionCode: '350100',
      street: '五四路',
      postcode: '3500',
    }).problems;
    expect(problems.map((p) => `${p.path}:${p.rule}`)).toEqual([
      'address.recipient:length',
      'address.phone:mobile',
      'address.regionCode:district',
      'address.street:length',
      'address.postcode:postcode',
    ]);
    expect(problems.every((p) => p.messageZh && p.message)).toBe(true);
  });

  it('takes a mainland mobile number only: 11 digits from 13 to 19', () => {
    expect(rulesOf({ ...good, phone: '19912345678' })).toEqual([]);
    for (const phone of ['1380013800', '138001380000', '11800138000', '+8613800138000', '0591-87654321'])
      expect([phone, rulesOf({ ...good, phone })]).toEqual([phone, ['address.phone:mobile']]);
  });

  it('counts the name and the street in characters, not bytes', () => {
    expect(rulesOf({ ...good, recipient: '林'.repeat(50) })).toEqual([]);
    expect(rulesOf({ ...good, recipient: '林'.repeat(51) })).toEqual(['address.recipient:length']);
    expect(rulesOf({ ...good, street: '五四路8号' })).toEqual([]);
    expect(rulesOf({ ...good, street: '路'.repeat(201) })).toEqual(['address.street:length']);
  });

  it('takes a six-digit postcode', () => {
    expect(rulesOf({ ...good, postcode: '35000A' })).toEqual(['address.postcode:postcode']);
    expect(rulesOf({ ...good, postcode: '3500011' })).toEqual(['address.postcode:postcode']);
  });
});

describe('a district code', () => {
  it('is a county-level code under a known province', () => {
    for (const code of ['350102', '110101', '500101', '429004', '650102'])
      expect([code, isDistrictCode(code)]).toEqual([code, true]);
  });

  it('is neither a province nor a city, nor under an unknown province, nor anything but six digits', () => {
    for (const code of ['350000', '350100', '350001', '990101', '100101', '010101', '35010', '3501021', '35010a'])
      expect([code, isDistrictCode(code)]).toEqual([code, false]);
  });
});

describe('courier statuses applied to a posted result', () => {
  const shipped: CaseDelivery = {
    method: 'post',
    status: 'SHIPPED',
    chosenAt: '2026-03-02T09:00:00+08:00',
    trackingNo: 'SF100000000001',
    courier: 'simulated',
  };
  const at = (h: number) => new Date(Date.UTC(2026, 2, 4, h)).toISOString();

  it('takes each new step once, in order, up to a final one', () => {
    const tracking = {
      status: 'DELIVERED' as const,
      at: at(10),
      events: [
        { status: 'DELIVERED' as const, at: at(10) },
        { status: 'PICKED_UP' as const, at: at(1) },
        { status: 'IN_TRANSIT' as const, at: at(3) },
      ],
    };
    expect(newSteps(shipped, tracking).map((s) => s.status)).toEqual(['IN_TRANSIT', 'DELIVERED']);
    expect(newSteps({ ...shipped, status: 'IN_TRANSIT' }, tracking).map((s) => s.status)).toEqual(['DELIVERED']);
    expect(newSteps({ ...shipped, status: 'DELIVERED' }, tracking)).toEqual([]);
  });

  it('stops at a return: a delivery reported after it is not applied', () => {
    const tracking = {
      status: 'DELIVERED' as const,
      at: at(12),
      events: [
        { status: 'RETURNED' as const, at: at(5) },
        { status: 'DELIVERED' as const, at: at(12) },
      ],
    };
    expect(newSteps(shipped, tracking).map((s) => s.status)).toEqual(['RETURNED']);
  });
});
