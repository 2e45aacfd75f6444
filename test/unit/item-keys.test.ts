import {
  anyPartitionOf,
  appointmentItems,
  caseItems,
  catalogueItems,
  engagementItems,
  integrationItems,
  ledgerItems,
  licenceItems,
  messageItems,
  outboxItems,
  paymentItems,
  provisionalItems,
  shipmentItems,
  statItems,
  supervisionItems,
} from '../../shared/db/keys';
import {
  CATALOGUE_READ_SCOPE,
  OUTBOX_WRITE_SCOPE,
  STATUS_LIST_READ_SCOPE,
  VERIFICATION_READ_SCOPE,
} from '../../shared/db/table';

// The keys of items already stored: a change here is a data migration, not a refactoring.
describe('the main table item keys', () => {
  it('keep the stored shapes of cases and what hangs off them', () => {
    expect(caseItems.case.key('c1')).toEqual({ pk: 'CASE#c1', sk: 'CASE' });
    expect(caseItems.history.key('c1', 7)).toEqual({ pk: 'CASE#c1', sk: 'H#000007' });
    expect(caseItems.upload.key('c1', 'u1')).toEqual({ pk: 'CASE#c1', sk: 'UPLOAD#u1' });
    const task = { caseId: 'c1', stageIndex: 1, department: 'SAMR' };
    expect(caseItems.task.key(task)).toEqual({ pk: 'CASE#c1', sk: 'TASK#01#SAMR' });
    expect(caseItems.task.departmentList('SAMR', 'WAITING')).toBe('DEPT#SAMR#WAITING');
    expect(caseItems.case.ownerList('P#1')).toBe('OWNER#P#1');
    expect(caseItems.case.acceptanceSort('d', 's', 'c1')).toBe('d#s#c1');
    expect(caseItems.dayCase.key('20260302', 'at', 'c1')).toEqual({ pk: 'CASES#20260302', sk: 'at#c1' });
    expect(caseItems.caseNumber.key('350100-1')).toEqual({ pk: 'CASENO#350100-1', sk: 'CASENO' });
    expect(caseItems.pendingExtension.key('at', 'c1')).toEqual({ pk: 'EXTENSIONS#PENDING', sk: 'at#c1' });
    expect(caseItems.agentCase.key('s', 'at', 'c1')).toEqual({ pk: 'AGENT#s', sk: 'CASE#at#c1' });
    expect(caseItems.intakeCase.key('s', 'at', 'c1')).toEqual({ pk: 'INTAKE#s', sk: 'CASE#at#c1' });
    expect(caseItems.numberCounter.key('350100', '20260302', 3)).toEqual({
      pk: 'COUNTER#CASE#350100#20260302',
      sk: 'SHARD#3',
    });
    expect(caseItems.idempotency.key('s', 'k')).toEqual({ pk: 'IDEMPOTENCY#s#k', sk: 'IDEMPOTENCY' });
    expect(caseItems.authorisation.key('P#1', 'a')).toEqual({ pk: 'AUTH#P#1', sk: 'AGENT#a' });
    expect(caseItems.postCheck.key('c1')).toEqual({ pk: 'CASE#c1', sk: 'POSTCHECK' });
    expect(caseItems.stepFailure.key('c1', 'IssueLicence', 9)).toEqual({ pk: 'CASE#c1', sk: 'FAILURE#IssueLicence#9' });
    expect(caseItems.postCheck.departmentList('SAMR', 'open')).toBe('POSTCHECK#SAMR#open');
    expect(provisionalItems.caseKey('c1', 2027)).toEqual({ pk: 'PROVISIONAL#2027', sk: 'CASE#c1' });
    expect(provisionalItems.complaintKey('k1', 2027)).toEqual({ pk: 'PROVISIONAL#2027', sk: 'COMPLAINT#k1' });
    expect(shipmentItems.key('c1')).toEqual({ pk: 'SHIPMENT#c1', sk: 'SHIPMENT' });
    expect(shipmentItems.openList(5)).toBe('SHIPMENTS#OPEN#5');
  });

  it('keep the stored shapes of the other contexts', () => {
    expect(catalogueItems.entry.partition('matter', 'M1')).toBe('MATTER#M1');
    expect(catalogueItems.entry.versionSk(12)).toBe('V#000012');
    expect(catalogueItems.entry.publishedList('bundle')).toBe('CATALOGUE#bundle#published');
    expect(catalogueItems.department.key('SAMR')).toEqual({ pk: 'DEPT#SAMR', sk: 'DEPT' });
    expect(catalogueItems.calendar.key(2026)).toEqual({ pk: 'CALENDAR#2026', sk: 'CALENDAR' });
    expect(outboxItems.key('2026-12-07T03:04:05.678Z', 'e1', 2)).toEqual({
      pk: 'OUTBOX#2026-12-07T03#2',
      sk: '2026-12-07T03:04:05.678Z#e1',
    });
    // An instant with an offset (a payment provider's) is kept by its UTC hour and instant.
    expect(outboxItems.key('2026-12-07T09:04:05+08:00', 'e2', 0)).toEqual({
      pk: 'OUTBOX#2026-12-07T01#0',
      sk: '2026-12-07T01:04:05.000Z#e2',
    });
    expect(outboxItems.instantOf('2026-12-07T01:04:05.000Z#e2')).toBe('2026-12-07T01:04:05.000Z');
    expect(outboxItems.legacyKey('e1')).toEqual({ pk: 'OUTBOX#e1', sk: 'EVENT' });
    expect(outboxItems.receipt.partition('2026-12-07T03')).toBe('OUTBOX#RELAYED#2026-12-07T03');
    expect(outboxItems.cursor.key).toEqual({ pk: 'OUTBOX#CURSOR', sk: 'CURSOR' });
    expect(outboxItems.reconcilePartition(2)).toBe('RECONCILE#2');
    expect(ledgerItems.key('inbox', 'e1')).toEqual({ pk: 'SEEN#inbox#e1', sk: 'SEEN' });
    const place = { hallId: 'h', date: 'd', start: '09:00', windowId: 'w' };
    expect(appointmentItems.slotCounter.key(place)).toEqual({ pk: 'SLOTS#h#d', sk: '09:00#w' });
    const booking = { applicantSub: 's', date: 'd', matterCode: 'm' };
    expect(appointmentItems.guard.key(booking)).toEqual({ pk: 'APPTGUARD#s#d#m', sk: 'GUARD' });
    expect(appointmentItems.appointment.applicantSort('d', '09:00', 'a')).toBe('dT09:00#a');
    expect(engagementItems.complaint.key('k1')).toEqual({ pk: 'COMPLAINT#k1', sk: 'COMPLAINT' });
    const rect = engagementItems.rectification.listPrefix;
    expect(engagementItems.departmentList(rect, 'SAMR', 'open')).toBe('RECT#SAMR#open');
    expect(integrationItems.webhookDelivery.departmentList('SAMR', 'pending')).toBe('DEPT#SAMR#DELIVERY#pending');
    expect(integrationItems.callback.key('SAMR', 'cb')).toEqual({ pk: 'CALLBACK#SAMR#cb', sk: 'CALLBACK' });
    expect(licenceItems.licence.expiresOn('2026-03-02')).toBe('EXPIRES#2026-03-02');
    expect(messageItems.message.key('DEPT#SAMR', 'm1')).toEqual({ pk: 'INBOX#DEPT#SAMR', sk: 'MSG#m1' });
    expect(messageItems.unreadList('s')).toBe('INBOX#s#UNREAD');
    expect(messageItems.departmentContact.key('SAMR')).toEqual({ pk: 'CONTACT#DEPT#SAMR', sk: 'CONTACT' });
    expect(paymentItems.providerOrder.key('p', 'o')).toEqual({ pk: 'PAYPROVIDER#p#o', sk: 'ORDER' });
    expect(statItems.member.key('2026-03-02', 1, 'e1')).toEqual({ pk: 'STATEVENT#2026-03-02#1', sk: 'e1' });
    const watch = supervisionItems.watch.caseWatchKey('c1', 'task', 't1');
    expect(watch).toEqual({ pk: 'SUPERVISION#CASE#c1', sk: 'WATCH#task#t1' });
    expect(supervisionItems.watch.levelList('red', 'SAMR')).toBe('SUPERVISION#RED#SAMR');
    expect(supervisionItems.efficiency.key('SAMR', 'd', 'r')).toEqual({ pk: 'SUPERVISION#EFFICIENCY#SAMR', sk: 'd#r' });
    // One decision's counters sort within its day and region, so a report's range reads both shapes.
    expect(
      supervisionItems.efficiency.decisionKey({ department: 'SAMR', date: 'd', regionCode: 'r', kind: 'task' }, 'e1'),
    ).toEqual({ pk: 'SUPERVISION#EFFICIENCY#SAMR', sk: 'd#r#task#e1' });
  });

  it('give the read scopes the partitions the IAM LeadingKeys conditions name', () => {
    expect(anyPartitionOf(licenceItems.statusList.key)).toBe('STATUSLIST#*');
    expect(CATALOGUE_READ_SCOPE).toEqual({
      table: ['CATALOGUE', 'MATTER#*', 'BUNDLE#*', 'DEPT#*', 'LICTYPE#*', 'CALENDAR#*'],
      indexes: { gsi1: ['CATALOGUE#*'] },
    });
    expect(VERIFICATION_READ_SCOPE.table).toEqual(['LICENCE#*', 'STATUSLIST#*', ...CATALOGUE_READ_SCOPE.table]);
    expect(VERIFICATION_READ_SCOPE.partial.keys).toEqual(['CASE#*']);
    expect(OUTBOX_WRITE_SCOPE.table).toEqual(['OUTBOX#*']);
    expect(STATUS_LIST_READ_SCOPE.table).toEqual(['STATUSLIST#*']);
  });
});
