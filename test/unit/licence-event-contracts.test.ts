import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { LICENCE_EVENTS, licenceEvent } from '../../shared/contracts/licence-events';

const LICENCE_SOURCE = EVENT_SOURCES.licences;

const detail = {
  eventId: '0c1d2e3f-4a5b-4c6d-8e7f-000000000001',
  occurredAt: '2026-03-02T10:00:00+08:00',
  licenceNo: 'SY2026030235010012345AB',
  version: 1,
  licenceType: 'BUSINESS_LICENCE',
  issuingDepartment: 'SAMR',
  holderType: 'enterprise' as const,
};

describe.each(LICENCE_EVENTS.map((c) => [c.detailType, c] as const))('the %s contract', (detailType, contract) => {
  it('comes from the licences source with a versioned detail-type, and parses a detail unchanged', () => {
    expect(contract.source).toBe(LICENCE_SOURCE);
    expect(detailType).toMatch(/^Licence\.[A-Za-z]+\.v\d+$/);
    expect(contract.detail.parse(detail)).toEqual(detail);
  });

  it('refuses a detail without its event id, and carries no holder identifier', () => {
    const { eventId: _gone, ...rest } = detail;
    expect(contract.detail.safeParse(rest).success).toBe(false);
    expect(Object.keys(contract.detail.shape)).not.toEqual(expect.arrayContaining(['holderKey', 'uscc', 'idNumber']));
  });
});

describe('licenceEvent', () => {
  it('builds an outbox event whose id is the detail’s, and refuses an unknown holder type', () => {
    const event = licenceEvent('Licence.Revoked.v1', { ...detail, reason: '以欺骗手段取得' });
    expect(event).toMatchObject({
      eventId: detail.eventId,
      source: LICENCE_SOURCE,
      detailType: 'Licence.Revoked.v1',
      detail: { reason: '以欺骗手段取得' },
    });
    expect(() => licenceEvent('Licence.Issued.v1', { ...detail, holderType: 'robot' as never })).toThrow();
  });
});
