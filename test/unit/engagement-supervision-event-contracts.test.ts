import { ENGAGEMENT_EVENTS } from '../../shared/contracts/engagement-events';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { SUPERVISION_EVENTS } from '../../shared/contracts/supervision-events';
import { eventFixture } from '../fixtures/events';

const contracts = [
  ...ENGAGEMENT_EVENTS.map((c) => ['engagement', c] as const),
  ...SUPERVISION_EVENTS.map((c) => ['supervision', c] as const),
];

describe.each(contracts.map(([source, c]) => [c.detailType, source, c] as const))(
  'the %s contract',
  (detailType, source, contract) => {
    const fixture = eventFixture(detailType);

    it('parses its fixture unchanged, from its own source with a versioned detail-type', () => {
      expect(contract.detail.parse(fixture)).toEqual(fixture);
      expect(contract.source).toBe(EVENT_SOURCES[source]);
      expect(detailType).toMatch(/^[A-Z][A-Za-z]+\.[A-Za-z]+\.v\d+$/);
    });

    it('refuses a detail without the event id consumers de-duplicate on', () => {
      const { eventId: _gone, ...rest } = fixture;
      expect(contract.detail.safeParse(rest).success).toBe(false);
    });

    it('carries no personal data: no contact, comment, ID number or phone', () => {
      expect(JSON.stringify(fixture)).not.toMatch(/\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18}|1[3-9]\d{9}|@/);
      expect(Object.keys(contract.detail.shape)).not.toEqual(
        expect.arrayContaining(['contact', 'comment', 'phone', 'email', 'idNumber']),
      );
    });
  },
);

it('a rating score outside 1 to 5 is refused', () => {
  const [rating] = ENGAGEMENT_EVENTS;
  expect(rating.detail.safeParse({ ...eventFixture('Rating.Submitted.v1'), ability: 6 }).success).toBe(false);
  expect(rating.detail.safeParse({ ...eventFixture('Rating.Submitted.v1'), effect: 0 }).success).toBe(false);
});
