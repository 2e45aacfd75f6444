import { LocalCloud } from '../../infra/local/cloud';
import { s3Client } from '../../shared/adapters/aws-clients';
import { s3AttachmentStore } from '../../shared/adapters/s3-attachment-store';
import { FOOD_FORM, PDF, sha256, USCC } from '../support/food-case';
import { call } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * Repeats that must be harmless, and cursors that must say nothing, on the local cloud (DynamoDB Local, s3rver):
 * a confirmation repeated after a crash between the move and the commit, a licence import sent twice, and the opaque
 * cursors of the lists. (Transaction conflicts are in test/unit/transaction-conflict.test.ts: they need a mock.)
 */
let cloud: LocalCloud;
let admin: string;
let enterprise: string;

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  await importDemoLicences(cloud);
}, 180_000);
beforeEach(async () => {
  admin = await cloud.issueToken({ sub: 'admin-idem', role: 'admin' });
  enterprise = await cloud.issueToken({ sub: 'ent-idem', role: 'applicant', uscc: USCC });
});
afterAll(() => cloud?.stop());

/** A valid 居民身份证号 (GB 11643 check digit) for a serial number. */
function idNumber(serial: number): string {
  const body = `35010219900101${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

const importRows = (rows: object[]) =>
  call(cloud.baseUrl, 'POST', '/admin/licences/import', {
    token: admin,
    body: { format: 'jsonl', data: rows.map((r) => JSON.stringify(r)).join('\n') },
  });

describe('licence import, sent twice', () => {
  it('signs and registers each row once; the second run reports the rows as imported before and changes nothing', async () => {
    const holder = idNumber(101);
    const rows = [
      // Two rows without a number (one is generated per row), one with the paper licence's number, one bad row.
      {
        type: 'RESIDENT_ID',
        holderType: 'citizen',
        holderId: holder,
        holderName: '陈一',
        validFrom: '2019-01-01',
        validUntil: '2039-01-01',
        content: {},
      },
      {
        type: 'RESIDENT_ID',
        holderType: 'citizen',
        holderId: holder,
        holderName: '陈一',
        validFrom: '2009-01-01',
        validUntil: '2019-01-01',
        content: {},
      },
      {
        type: 'RESIDENT_ID',
        holderType: 'citizen',
        holderId: holder,
        holderName: '陈一',
        validFrom: '1999-01-01',
        validUntil: '2009-01-01',
        licenceNo: 'RID-IDEM-0001',
        content: {},
      },
      {
        type: 'RESIDENT_ID',
        holderType: 'citizen',
        holderId: '350102199001010000',
        holderName: '坏行',
        validFrom: '2019-01-01',
        content: {},
      },
    ];
    const first = await importRows(rows);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ imported: 3, alreadyImported: [], failed: [{ row: 4 }] });
    const numbers = first.json.licenceNumbers as string[];
    expect(new Set(numbers).size).toBe(3);

    const second = await importRows(rows);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ imported: 0, licenceNumbers: [], failed: [{ row: 4 }] });
    expect(second.json.alreadyImported).toEqual(numbers.map((licenceNo, i) => ({ row: i + 1, licenceNo })));

    // The register holds each once, and each was announced once.
    const citizen = await cloud.issueToken({ sub: 'cit-idem', role: 'applicant', idNumber: holder });
    const wallet = await call(cloud.baseUrl, 'GET', '/me/licences?limit=100', { token: citizen });
    expect((wallet.json.items as { licenceNo: string }[]).map((l) => l.licenceNo).sort()).toEqual([...numbers].sort());
    await cloud.idle();
    const announced = cloud.bus.archive.filter(
      (e) => e['detail-type'] === 'Licence.Imported.v1' && numbers.includes(e.detail.licenceNo as string),
    );
    expect(announced).toHaveLength(3);
  }, 120_000);

  it('registers a row repeated in one file once: the first copy, the later ones reported as imported before', async () => {
    const holder = idNumber(103);
    const row = (licenceNo?: string) => ({
      type: 'RESIDENT_ID',
      holderType: 'citizen',
      holderId: holder,
      holderName: '林三',
      validFrom: '2015-01-01',
      validUntil: '2035-01-01',
      ...(licenceNo ? { licenceNo } : {}),
      content: {},
    });
    const answer = await importRows([row(), row(), row('RID-TWICE-0001'), row('RID-TWICE-0001'), row()]);
    expect(answer.status).toBe(200);
    const numbers = answer.json.licenceNumbers as string[];
    expect(answer.json).toMatchObject({ imported: 2, failed: [] });
    expect(numbers).toHaveLength(2);
    expect(numbers[1]).toBe('RID-TWICE-0001');
    expect(answer.json.alreadyImported).toEqual([
      { row: 2, licenceNo: numbers[0] },
      { row: 4, licenceNo: 'RID-TWICE-0001' },
      { row: 5, licenceNo: numbers[0] },
    ]);
    const citizen = await cloud.issueToken({ sub: 'cit-twice', role: 'applicant', idNumber: holder });
    const wallet = await call(cloud.baseUrl, 'GET', '/me/licences?limit=100', { token: citizen });
    expect((wallet.json.items as { licenceNo: string }[]).map((l) => l.licenceNo).sort()).toEqual([...numbers].sort());
  }, 120_000);

  it('registers each row once when the same file is sent twice at the same moment', async () => {
    const holder = idNumber(104);
    const rows = Array.from({ length: 12 }, (_, i) => ({
      type: 'RESIDENT_ID',
      holderType: 'citizen',
      holderId: holder,
      holderName: `并发${i}`,
      validFrom: '2016-01-01',
      ...(i % 2 ? { licenceNo: `RID-RACE-${i}` } : {}),
      content: {},
    }));
    const [a, b] = await Promise.all([importRows(rows), importRows(rows)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Row by row, one request registered it and the other found it (by its look-up, or by losing the write).
    for (let i = 0; i < rows.length; i++) {
      const registered = [a, b].filter((x) =>
        (x.json.alreadyImported as { row: number }[]).every((r) => r.row !== i + 1),
      );
      expect(registered).toHaveLength(1);
    }
    expect(a.json.imported + b.json.imported).toBe(rows.length);
    expect([...a.json.failed, ...b.json.failed]).toEqual([]);
    const numbers = [...a.json.licenceNumbers, ...b.json.licenceNumbers] as string[];
    expect(new Set(numbers).size).toBe(rows.length);
    await cloud.idle();
    const announced = cloud.bus.archive.filter(
      (e) => e['detail-type'] === 'Licence.Imported.v1' && numbers.includes(e.detail.licenceNo as string),
    );
    expect(announced).toHaveLength(rows.length);
  }, 120_000);
});

describe('cursors', () => {
  const holder = idNumber(202);
  let citizen: string;
  let cursor: string;

  beforeAll(async () => {
    const rows = [1, 2, 3].map((n) => ({
      type: 'RESIDENT_ID',
      holderType: 'citizen',
      holderId: holder,
      holderName: '王二',
      validFrom: `20${10 + n}-01-01`,
      licenceNo: `RID-CURSOR-${n}`,
      content: {},
    }));
    expect((await importRows(rows)).json.imported).toBe(3);
  });
  beforeEach(async () => {
    citizen = await cloud.issueToken({ sub: 'cit-cursor', role: 'applicant', idNumber: holder });
  });

  it('pages through a list with an opaque cursor that does not carry the ID number', async () => {
    const first = await call(cloud.baseUrl, 'GET', '/me/licences?limit=1', { token: citizen });
    expect(first.status).toBe(200);
    cursor = first.json.nextCursor as string;
    expect(cursor).toMatch(/^[A-Za-z0-9._-]+$/);
    // Neither the cursor nor anything decoded from it names the holder (the list's key is HOLDER#P#<ID number>).
    const decoded = Buffer.from(cursor.split('.').pop()!, 'base64url');
    for (const text of [cursor, decoded.toString('utf8'), decoded.toString('latin1')]) {
      expect(text).not.toContain(holder);
      expect(text).not.toContain(holder.slice(0, 14));
      expect(text).not.toContain('HOLDER');
    }
    const seen = [first.json.items[0].licenceNo];
    let next: string | undefined = cursor;
    while (next) {
      const page = await call(cloud.baseUrl, 'GET', `/me/licences?limit=1&cursor=${encodeURIComponent(next)}`, {
        token: citizen,
      });
      expect(page.status).toBe(200);
      seen.push(...(page.json.items as { licenceNo: string }[]).map((l) => l.licenceNo));
      next = page.json.nextCursor;
    }
    expect(seen.sort()).toEqual(['RID-CURSOR-1', 'RID-CURSOR-2', 'RID-CURSOR-3']);
  });

  const refused = async (path: string, token: string) => {
    const answer = await call(cloud.baseUrl, 'GET', path, { token });
    expect(answer.status).toBe(400);
    expect(answer.json.error.details).toEqual([expect.objectContaining({ path: 'query.cursor', rule: 'cursor' })]);
  };

  it('answers 400 naming query.cursor for a malformed or altered cursor, and for the old readable kind', async () => {
    await refused('/me/licences?cursor=garbage', citizen);
    await refused('/me/licences?cursor=c1.', citizen);
    const flipped = cursor.slice(0, -2) + (cursor.at(-2) === 'A' ? 'B' : 'A') + cursor.at(-1);
    await refused(`/me/licences?cursor=${encodeURIComponent(flipped)}`, citizen);
    // What a cursor used to be: base64 of the LastEvaluatedKey, which anyone could write for anyone's list.
    const readable = Buffer.from(
      JSON.stringify({ gsi1pk: `HOLDER#P#${holder}`, gsi1sk: 'x', pk: 'LICENCE#RID-CURSOR-1', sk: 'LICENCE' }),
    ).toString('base64url');
    await refused(`/me/licences?cursor=${readable}`, citizen);
  });

  it('refuses a cursor on another list, or on the same list of someone else', async () => {
    await refused(`/applications?cursor=${encodeURIComponent(cursor)}`, citizen);
    const other = await cloud.issueToken({ sub: 'cit-other', role: 'applicant', idNumber: idNumber(303) });
    await refused(`/me/licences?cursor=${encodeURIComponent(cursor)}`, other);
  });
});

describe('confirming an upload after a crash', () => {
  it('finishes the job when the file was moved but the case not written, and a repeat answers the same', async () => {
    const draft = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: 'FOOD-BUSINESS-LICENCE', form: FOOD_FORM },
    });
    expect(draft.status).toBe(201);
    const id = draft.json.id as string;
    const material = 'floorPlan';
    const slot = await call(cloud.baseUrl, 'POST', `/applications/${id}/attachments`, {
      token: enterprise,
      body: { material, fileName: 'plan.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
    });
    expect(slot.status).toBe(201);
    const form = new FormData();
    for (const [k, v] of Object.entries(slot.json.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'plan.pdf');
    expect((await fetch(slot.json.url, { method: 'POST', body: form })).status).toBeLessThan(300);

    // The first confirmation's move step ran (the store's own move, as the handler calls it), then it crashed.
    const uploadId = slot.json.uploadId as string;
    const pending = `pending/${id}/${uploadId}`;
    const store = s3AttachmentStore(s3Client(), process.env.ATTACHMENTS_BUCKET_NAME!, () => new Date());
    expect(await store.inspect(pending)).toBeDefined();
    await store.move(pending, `cases/${id}/${material}/${uploadId}`);
    expect(await store.inspect(pending)).toBeUndefined();

    const confirm = () =>
      call(cloud.baseUrl, 'POST', `/applications/${id}/attachments/${uploadId}/confirm`, { token: enterprise });
    const retried = await confirm();
    expect(retried.status).toBe(200);
    expect(retried.json.materials[material].files).toEqual([
      expect.objectContaining({ uploadId, fileName: 'plan.pdf', size: PDF.length, sha256: sha256(PDF) }),
    ]);

    // The answer to that one was lost too: confirming again changes nothing and answers the same case.
    const again = await confirm();
    expect(again.status).toBe(200);
    expect(again.json.materials[material].files).toHaveLength(1);
    expect(again.json.updatedAt).toBe(retried.json.updatedAt);

    // The file is where the case says, and downloads.
    const link = await call(cloud.baseUrl, 'GET', `/applications/${id}/attachments/${uploadId}`, { token: enterprise });
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.json.url)).arrayBuffer())).toEqual(PDF);
  }, 120_000);
});
