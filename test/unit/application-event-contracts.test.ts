import { APPLICATION_EVENTS } from '../../shared/contracts/application-events';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { eventFixture } from '../fixtures/events';

describe.each(APPLICATION_EVENTS.map((c) => [c.detailType, c] as const))('the %s contract', (detailType, contract) => {
  const fixture = eventFixture(detailType);

  it('parses its fixture unchanged', () => {
    expect(contract.detail.parse(fixture)).toEqual(fixture);
  });

  it('comes from the applications source with a versioned detail-type', () => {
    expect(contract.source).toBe(EVENT_SOURCES.applications);
    expect(detailType).toMatch(/^Application\.[A-Za-z]+\.v\d+$/);
  });

  it('refuses a detail without the event id consumers de-duplicate on', () => {
    const { eventId: _gone, ...rest } = fixture;
    expect(contract.detail.safeParse(rest).success).toBe(false);
  });

  it('carries no personal data: no ID numbers, 统一社会信用代码 or phone numbers anywhere', () => {
    expect(JSON.stringify(fixture)).not.toMatch(/\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18}|1[3-9]\d{9}/);
    expect(Object.keys(contract.detail.shape)).not.toEqual(expect.arrayContaining(['idNumber']));
  });
});
