import { DELIVERY_EVENTS, deliveryDelivered } from '../../shared/contracts/delivery-events';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { eventFixture } from '../fixtures/events';

describe.each(DELIVERY_EVENTS.map((c) => [c.detailType, c] as const))('the %s contract', (detailType, contract) => {
  const fixture = eventFixture(detailType);

  it('parses its fixture unchanged, from the delivery source with a versioned detail-type', () => {
    expect(contract.detail.parse(fixture)).toEqual(fixture);
    expect(contract.source).toBe(EVENT_SOURCES.delivery);
    expect(EVENT_SOURCES.delivery).toBe('gov.one-stop.delivery');
    expect(detailType).toMatch(/^Delivery\.[A-Za-z]+\.v\d+$/);
  });

  it('refuses a detail without the event id consumers de-duplicate on, or without its case', () => {
    const { eventId: _gone, ...rest } = fixture;
    expect(contract.detail.safeParse(rest).success).toBe(false);
    const { caseId: _noCase, ...orphan } = fixture;
    expect(contract.detail.safeParse(orphan).success).toBe(false);
  });

  it('carries no personal data: no address, recipient, phone, ID number or e-mail', () => {
    expect(JSON.stringify(fixture)).not.toMatch(/\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18}|1[3-9]\d{9}|@/);
    expect(Object.keys(contract.detail.shape)).not.toEqual(expect.arrayContaining(['address']));
    for (const key of ['address', 'recipient', 'phone', 'street', 'postcode', 'receivedBy', 'email', 'idNumber'])
      expect(Object.keys(contract.detail.shape)).not.toContain(key);
  });
});

it('names each step once, so consumers can match them by detail-type', () => {
  expect(DELIVERY_EVENTS.map((c) => c.detailType)).toEqual([
    'Delivery.Chosen.v1',
    'Delivery.ReadyForPickup.v1',
    'Delivery.Shipped.v1',
    'Delivery.InTransit.v1',
    'Delivery.Delivered.v1',
    'Delivery.Returned.v1',
  ]);
});

it('a delivery is window or post, its due date a date and its lateness a boolean', () => {
  const fixture = eventFixture('Delivery.Delivered.v1');
  expect(deliveryDelivered.detail.safeParse({ ...fixture, method: 'drone' }).success).toBe(false);
  expect(deliveryDelivered.detail.safeParse({ ...fixture, dueDate: '18.03.2026' }).success).toBe(false);
  expect(deliveryDelivered.detail.safeParse({ ...fixture, onTime: 'yes' }).success).toBe(false);
});
