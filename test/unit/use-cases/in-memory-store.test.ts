import { prepare } from '../../../shared/domain/applications/changes';
import { ConcurrentChangeError } from '../../../shared/domain/errors';
import type { PostCheck } from '../../../shared/domain/workflow/ports';
import { expectRefusedWithoutChange } from '../../support/in-memory/expectations';
import { foodDraft } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

/**
 * The in-memory store keeps the DynamoDB adapter's promises that the use-case tests rely on: a commit is all or
 * nothing, whichever of its conditions fails.
 */
const actor = { sub: PRINCIPALS.enterprise.sub, role: PRINCIPALS.enterprise.role };

async function twoDrafts() {
  const world = inMemoryWorld();
  return { world, first: await foodDraft(world, []), second: await foodDraft(world, []) };
}

describe('the in-memory case store', () => {
  it('writes nothing of a transaction when one of its other items’ conditions fails', async () => {
    const { world, first } = await twoDrafts();
    const check = { id: `${first.id}.C`, caseId: first.id, status: 'open' } as PostCheck;
    // The check must be open, and there is none: the case change with it is refused too.
    const change = prepare(first, [{ action: 'draft-updated', actor }], '2026-03-02T02:00:00.000Z', [], {
      items: [world.postChecks.put(check, 'open')],
    });
    await expectRefusedWithoutChange(world.cases, () => world.cases.commit(change), ConcurrentChangeError);
    expect(await world.postChecks.get(check.id)).toBeUndefined();

    await world.cases.commit({ ...change, items: [world.postChecks.put(check, 'new')] });
    expect(await world.postChecks.get(check.id)).toMatchObject({ status: 'open' });
  });

  it('commits several cases together or none of them', async () => {
    const { world, first, second } = await twoDrafts();
    const at = '2026-03-02T02:00:00.000Z';
    const stale = { ...second, seq: second.seq - 1 };
    const changes = [
      prepare(first, [{ action: 'draft-updated', actor }], at),
      prepare(stale, [{ action: 'draft-updated', actor }], at),
    ];
    await expectRefusedWithoutChange(world.cases, () => world.cases.commitAll(changes), ConcurrentChangeError);
  });

  it('refuses a transaction that changes one case twice, as DynamoDB does', async () => {
    const { world, first } = await twoDrafts();
    const change = prepare(first, [{ action: 'draft-updated', actor }], '2026-03-02T02:00:00.000Z');
    await expectRefusedWithoutChange(
      world.cases,
      () => world.cases.commitAll([change, change]),
      Error,
      /multiple operations/,
    );
  });

  it('refuses a transaction of more than 100 items, as DynamoDB does', async () => {
    const { world, first } = await twoDrafts();
    const changes = Array.from({ length: 101 }, () => ({ action: 'draft-updated' as const, actor }));
    const change = prepare(first, changes, '2026-03-02T02:00:00.000Z');
    await expectRefusedWithoutChange(
      world.cases,
      () => world.cases.commit(change),
      Error,
      /at most 100 items, not 102/,
    );
  });

  it('hands out copies: changing what a read returned changes nothing stored', async () => {
    const { world, first } = await twoDrafts();
    const read = (await world.cases.get(first.id))!;
    (read.form as Record<string, unknown>).operatorName = 'changed';
    expect((await world.cases.get(first.id))!.form).toEqual(first.form);
  });
});
