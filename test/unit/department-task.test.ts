import { ConflictError } from '../../shared/domain/errors';
import {
  type DepartmentTask,
  type DepartmentTaskInput,
  type DepartmentTaskStore,
  departmentTaskId,
  departmentTaskInputSchema,
  openDepartmentTask,
} from '../../shared/domain/workflow/department-task';

/** An in-memory store with the contract of the DynamoDB one: create refuses an existing id with ConflictError. */
class InMemoryDepartmentTaskStore implements DepartmentTaskStore {
  readonly tasks = new Map<string, DepartmentTask>();
  creates = 0;
  failNextCreateWith: unknown;
  failNextGetWith: unknown;

  async create(task: DepartmentTask): Promise<void> {
    this.creates += 1;
    if (this.failNextCreateWith !== undefined) {
      const error = this.failNextCreateWith;
      this.failNextCreateWith = undefined;
      throw error;
    }
    if (this.tasks.has(task.id)) throw new ConflictError(`Task ${task.id} exists`);
    this.tasks.set(task.id, structuredClone(task));
  }

  async get(id: string): Promise<DepartmentTask | undefined> {
    if (this.failNextGetWith !== undefined) {
      const error = this.failNextGetWith;
      this.failNextGetWith = undefined;
      throw error;
    }
    const task = this.tasks.get(id);
    return task && structuredClone(task);
  }
}

const input: DepartmentTaskInput = {
  caseId: 'C-2026-000123',
  stageIndex: 1,
  task: { department: 'SAMR', name: '食品经营许可审查', timeLimitDays: 10 },
  taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAA-token-1',
};
const openedAt = new Date('2026-03-02T01:00:00.000Z');

let store: InMemoryDepartmentTaskStore;
let now: jest.Mock<Date, []>;
beforeEach(() => {
  store = new InMemoryDepartmentTaskStore();
  now = jest.fn(() => openedAt);
});

describe('departmentTaskId', () => {
  it('derives the id from case, stage and department', () => {
    expect(departmentTaskId('C-2026-000123', 1, 'SAMR')).toBe('C-2026-000123.1.SAMR');
    expect(departmentTaskId('C-2026-000123', 0, 'SAMR')).not.toBe(departmentTaskId('C-2026-000123', 1, 'SAMR'));
    expect(departmentTaskId('C-2026-000123', 1, 'HEALTH')).not.toBe(departmentTaskId('C-2026-000123', 1, 'SAMR'));
  });
});

describe('openDepartmentTask', () => {
  it('creates a WAITING task under the derived id, with the token and the time it was opened', async () => {
    await expect(openDepartmentTask(input, { store, now })).resolves.toEqual({ taskId: 'C-2026-000123.1.SAMR' });
    expect([...store.tasks.values()]).toEqual([
      {
        id: 'C-2026-000123.1.SAMR',
        caseId: 'C-2026-000123',
        stageIndex: 1,
        department: 'SAMR',
        name: '食品经营许可审查',
        timeLimitDays: 10,
        taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAA-token-1',
        status: 'WAITING',
        openedAt: '2026-03-02T01:00:00.000Z',
      },
    ]);
  });

  it('accepts a retried call with the same token and stores nothing new', async () => {
    await openDepartmentTask(input, { store, now });
    const first = structuredClone([...store.tasks.entries()]);
    now.mockReturnValue(new Date('2026-03-02T01:00:05.000Z'));

    await expect(openDepartmentTask(input, { store, now })).resolves.toEqual({ taskId: 'C-2026-000123.1.SAMR' });
    expect([...store.tasks.entries()]).toEqual(first);
    expect(store.tasks.get('C-2026-000123.1.SAMR')?.openedAt).toBe('2026-03-02T01:00:00.000Z');
  });

  it('refuses another token for the same task with ConflictError, keeping the first token', async () => {
    await openDepartmentTask(input, { store, now });
    const error = await openDepartmentTask({ ...input, taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAA-token-2' }, { store, now }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).name).toBe('ConflictError');
    expect(store.tasks.size).toBe(1);
    expect(store.tasks.get('C-2026-000123.1.SAMR')?.taskToken).toBe('AQCEAAAAKgAAAAMAAAAAAAAAA-token-1');
  });

  it('refuses when the store reports a conflict but the task cannot be read back', async () => {
    store.failNextCreateWith = new ConflictError('exists');
    await expect(openDepartmentTask(input, { store, now })).rejects.toBeInstanceOf(ConflictError);
  });

  it('opens separate tasks for other departments, stages and cases', async () => {
    await openDepartmentTask(input, { store, now });
    await openDepartmentTask({ ...input, task: { ...input.task, department: 'HEALTH', name: '卫生审查' }, taskToken: 't-2' }, { store, now });
    await openDepartmentTask({ ...input, stageIndex: 2, taskToken: 't-3' }, { store, now });
    await openDepartmentTask({ ...input, caseId: 'C-2026-000124', taskToken: 't-4' }, { store, now });
    expect([...store.tasks.keys()].sort()).toEqual(['C-2026-000123.1.HEALTH', 'C-2026-000123.1.SAMR', 'C-2026-000123.2.SAMR', 'C-2026-000124.1.SAMR']);
  });

  it('lets any other store error from create propagate unchanged, without reading the task', async () => {
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ProvisionedThroughputExceededException' });
    store.failNextCreateWith = throttled;
    const get = jest.spyOn(store, 'get');
    await expect(openDepartmentTask(input, { store, now })).rejects.toBe(throttled);
    expect(get).not.toHaveBeenCalled();
    expect(store.tasks.size).toBe(0);
  });

  it('lets a store error from the read-back propagate', async () => {
    await openDepartmentTask(input, { store, now });
    const unavailable = new Error('Service unavailable');
    store.failNextGetWith = unavailable;
    await expect(openDepartmentTask(input, { store, now })).rejects.toBe(unavailable);
  });
});

describe('departmentTaskInputSchema', () => {
  it('accepts the payload the procedure state machine sends', () => {
    expect(departmentTaskInputSchema.parse(input)).toEqual(input);
  });

  it('refuses an empty token, a negative stage and a non-positive time limit', () => {
    expect(departmentTaskInputSchema.safeParse({ ...input, taskToken: '' }).success).toBe(false);
    expect(departmentTaskInputSchema.safeParse({ ...input, stageIndex: -1 }).success).toBe(false);
    expect(departmentTaskInputSchema.safeParse({ ...input, task: { ...input.task, timeLimitDays: 0 } }).success).toBe(false);
  });
});
