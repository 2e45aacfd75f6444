import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/session';
import { CommandError, Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { DueDate, shanghaiToday } from '../shared/due-date';
import './department.css';

type Delivery = components['schemas']['Delivery'];
type ExchangeFile = components['schemas']['ExchangeFile'];
type DeliveryStatus = Delivery['status'];

const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['dead', 'pending', 'delivered', 'cancelled'];

const messages = defineMessages(
  {
    title: '系统对接',
    todoMode:
      '本部门通过统一待办办理审查任务，未接入本部门业务系统（既无推送接口，也无交换目录）。请在统一待办中办理。',
    toTodo: '前往统一待办',
    webhookIntro:
      '本部门业务系统通过推送接口（Webhook）接收审查任务。投递失败的，系统会按退避策略自动重试一天；仍失败的列为“投递失败”，可在此重新投递。',
    exchangeIntro:
      '本部门通过交换目录（前置机）与平台交换文件：平台把审查任务写入 outbox 目录，本部门把决定文件放入 inbox 目录，每分钟收取一次。',
    status: '投递状态',
    filterDeliveries: '筛选投递记录',
    show: '显示',
    dead: '投递失败',
    pending: '等待投递',
    delivered: '已投递',
    cancelled: '已取消',
    deliveriesCaption: '投递记录',
    count: '共 {n} 条。',
    none: '没有此状态的投递记录。',
    id: '投递编号',
    task: '任务',
    event: '事件',
    created: '生成时间',
    attempts: '尝试',
    attemptCount: '{n} 次',
    lastAttempt: '最近一次：{at}，{result}',
    httpStatus: 'HTTP {status}',
    noAnswer: '无响应',
    latency: '{ms} 毫秒',
    nextAttempt: '下次尝试：{at}',
    actions: '操作',
    redeliver: '重新投递',
    redeliverOf: '重新投递 {id}',
    redeliverAll: '重新投递全部失败记录',
    redelivering: '正在重新投递…',
    redelivered: '已重新投递 {id}，当前状态：{status}。',
    redeliveredAll: '已重新投递 {n} 条记录。',
    more: '显示更多',
    waitingTitle: '等待处理的文件',
    waitingHint: '审查任务文件：本部门尚未作出决定；决定文件：尚未被平台收取。',
    failedTitle: '处理失败的文件',
    failedHint: '这些决定文件无法使用，已移入 error 目录，旁边附有原因。请改正后重新放入 inbox 目录。',
    waitingCaption: '等待处理的文件',
    failedCaption: '处理失败的文件',
    noWaiting: '没有等待处理的文件。',
    noFailed: '没有处理失败的文件。',
    truncated: '文件较多，仅列出一部分。',
    file: '文件',
    kind: '类型',
    kind_task: '审查任务（平台写入）',
    kind_decision: '决定文件（部门放入）',
    case: '办件',
    due: '办理期限',
    reason: '失败原因',
  },
  {
    title: 'System integration',
    todoMode:
      'Your department handles its review tasks in the to-do: no system of its own is connected (neither a webhook nor an exchange folder). Use the to-do.',
    toTodo: 'Go to the to-do',
    webhookIntro:
      'Your department’s system receives review tasks by webhook. A failed delivery is retried with backoff for a day; one that still fails is listed as failed and may be delivered again here.',
    exchangeIntro:
      'Your department exchanges files with the platform through an exchange folder: the platform writes each task under outbox/, your department drops decision files under inbox/, collected every minute.',
    status: 'Delivery status',
    filterDeliveries: 'Filter the deliveries',
    show: 'Show',
    dead: 'Failed',
    pending: 'Pending',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    deliveriesCaption: 'Deliveries',
    count: '{n} deliveries.',
    none: 'No delivery has this status.',
    id: 'Delivery',
    task: 'Task',
    event: 'Event',
    created: 'Created',
    attempts: 'Attempts',
    attemptCount: '{n}',
    lastAttempt: 'Last: {at}, {result}',
    httpStatus: 'HTTP {status}',
    noAnswer: 'no answer',
    latency: '{ms} ms',
    nextAttempt: 'Next: {at}',
    actions: 'Actions',
    redeliver: 'Deliver again',
    redeliverOf: 'Deliver {id} again',
    redeliverAll: 'Deliver every failed one again',
    redelivering: 'Delivering…',
    redelivered: '{id} delivered again; now {status}.',
    redeliveredAll: '{n} deliveries sent again.',
    more: 'Show more',
    waitingTitle: 'Files waiting',
    waitingHint: 'Task files: your department has not decided yet. Decision files: not yet collected by the platform.',
    failedTitle: 'Files that failed',
    failedHint:
      'These decision files could not be used and were moved to error/, with the reason beside each. Correct them and drop them under inbox/ again.',
    waitingCaption: 'Files waiting',
    failedCaption: 'Files that failed',
    noWaiting: 'No file is waiting.',
    noFailed: 'No file failed.',
    truncated: 'There are many files: only some are listed.',
    file: 'File',
    kind: 'Kind',
    kind_task: 'Review task (from the platform)',
    kind_decision: 'Decision (from the department)',
    case: 'Case',
    due: 'Due',
    reason: 'Why it failed',
  },
);

const isDeliveryStatus = (value: string | null): value is DeliveryStatus =>
  value !== null && (DELIVERY_STATUSES as readonly string[]).includes(value);

/**
 * /workbench/integration: how the department's own system is connected. A webhook department sees its delivery log
 * (by status; redelivery of one or of every failed one); an exchange-folder department its files waiting and those
 * that failed; a to-do department is told it has nothing connected.
 */
export default function Integration() {
  const t = useT(messages);
  const me = useMe();
  const dept = me.department ?? '';
  const waiting = useApi(
    () =>
      unwrap(
        api().GET('/integration/{deptCode}/exchange', {
          params: { path: { deptCode: dept }, query: { status: 'waiting' } },
        }),
      ),
    [dept],
  );
  return (
    <Page title={t('title')}>
      <Loader loaded={waiting}>
        {(data) =>
          data.mode === 'webhook' ? (
            <DeliveryLog dept={dept} />
          ) : data.mode === 'exchange' ? (
            <ExchangeFiles dept={dept} waiting={data.items} truncated={data.truncated} />
          ) : (
            <>
              <p className="notice">{t('todoMode')}</p>
              <p>
                <Link href="/tasks">{t('toTodo')}</Link>
              </p>
            </>
          )
        }
      </Loader>
    </Page>
  );
}

async function loadDeliveries(dept: string, status: DeliveryStatus, cursor?: string) {
  return unwrap(
    api().GET('/integration/{deptCode}/deliveries', {
      params: { path: { deptCode: dept }, query: { status, limit: 100, ...(cursor ? { cursor } : {}) } },
    }),
  );
}

function DeliveryLog({ dept }: { dept: string }) {
  const t = useT(messages);
  const search = useSearch();
  const [, navigate] = useLocation();
  const requested = new URLSearchParams(search).get('status');
  const status: DeliveryStatus = isDeliveryStatus(requested) ? requested : 'dead';
  const [chosen, setChosen] = useState<DeliveryStatus>(status);
  const loaded = useApi(() => loadDeliveries(dept, status), [dept, status]);
  const [extra, setExtra] = useState<{ items: Delivery[]; cursor?: string } | undefined>();
  const [said, setSaid] = useState('');
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setExtra(undefined);
    navigate(`/integration?status=${chosen}`);
  };
  const act = async (key: string, run: () => Promise<string>) => {
    if (busy) return;
    setBusy(key);
    setFailure(undefined);
    setSaid('');
    try {
      setSaid(await run());
      setExtra(undefined);
      loaded.reload();
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(undefined);
    }
  };
  const redeliver = (d: Delivery) =>
    act(d.id, async () => {
      const again = await unwrap(
        api().POST('/integration/deliveries/{id}/redeliver', { params: { path: { id: d.id } } }),
      );
      return t('redelivered', { id: again.id, status: t(again.status) });
    });
  const redeliverAll = () =>
    act('all', async () => {
      const all = await unwrap(
        api().POST('/integration/{deptCode}/deliveries/redeliver', { params: { path: { deptCode: dept } } }),
      );
      return t('redeliveredAll', { n: all.redelivered.length });
    });
  const more = async (cursor: string) => {
    try {
      const page = await loadDeliveries(dept, status, cursor);
      setExtra((e) => ({
        items: [...(e?.items ?? []), ...page.items],
        ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
      }));
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    }
  };

  return (
    <>
      <p>{t('webhookIntro')}</p>
      <form className="todo__filter" role="search" aria-label={t('filterDeliveries')} onSubmit={submit}>
        <div className="field">
          <label htmlFor="delivery-status">{t('status')}</label>
          <select id="delivery-status" value={chosen} onChange={(e) => setChosen(e.target.value as DeliveryStatus)}>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('show')}
        </button>
      </form>
      <p role="status">{said}</p>
      <CommandError error={failure} />
      <Loader loaded={loaded}>
        {(page) => {
          const items = [...page.items, ...(extra?.items ?? [])];
          const cursor = extra ? extra.cursor : page.nextCursor;
          return (
            <>
              <div className="actions">
                <p>{items.length === 0 ? t('none') : t('count', { n: items.length })}</p>
                {status === 'dead' && items.length > 0 && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void redeliverAll()}
                    disabled={busy !== undefined}
                    aria-disabled={busy !== undefined}
                  >
                    {busy === 'all' ? t('redelivering') : t('redeliverAll')}
                  </button>
                )}
              </div>
              {items.length > 0 && <DeliveryTable items={items} busy={busy} onRedeliver={(d) => void redeliver(d)} />}
              {cursor && (
                <button type="button" className="button button--secondary" onClick={() => void more(cursor)}>
                  {t('more')}
                </button>
              )}
            </>
          );
        }}
      </Loader>
    </>
  );
}

function DeliveryTable({
  items,
  busy,
  onRedeliver,
}: {
  items: readonly Delivery[];
  busy: string | undefined;
  onRedeliver: (d: Delivery) => void;
}) {
  const t = useT(messages);
  const format = useFormat();
  return (
    <div className="table-scroll" role="region" aria-labelledby="deliveries-caption" tabIndex={0}>
      <table className="integration__files">
        <caption id="deliveries-caption" className="visually-hidden">
          {t('deliveriesCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('id')}</th>
            <th scope="col">{t('task')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('attempts')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => {
            const last = d.attempts.at(-1);
            return (
              <tr key={d.id}>
                <th scope="row">
                  <code>{d.id}</code>
                  <span className="todo__note muted">
                    {d.eventType} · {format.dateTime(d.createdAt)}
                  </span>
                </th>
                <td>{d.taskId ? <Link href={`/tasks/${encodeURIComponent(d.taskId)}`}>{d.taskId}</Link> : d.caseId}</td>
                <td>{t(d.status)}</td>
                <td>
                  {t('attemptCount', { n: d.attempts.length })}
                  {last && (
                    <span className="todo__note">
                      {t('lastAttempt', {
                        at: format.dateTime(last.at),
                        result: [
                          last.status ? t('httpStatus', { status: last.status }) : t('noAnswer'),
                          t('latency', { ms: last.latencyMs }),
                          last.error,
                        ]
                          .filter(Boolean)
                          .join('，'),
                      })}
                    </span>
                  )}
                  {d.nextAttemptAt && (
                    <span className="todo__note muted">
                      {t('nextAttempt', { at: format.dateTime(d.nextAttemptAt) })}
                    </span>
                  )}
                </td>
                <td>
                  {d.status !== 'delivered' && (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('redeliverOf', { id: d.id })}
                      onClick={() => onRedeliver(d)}
                      disabled={busy !== undefined}
                      aria-disabled={busy !== undefined}
                    >
                      {busy === d.id ? t('redelivering') : t('redeliver')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ExchangeFiles({
  dept,
  waiting,
  truncated,
}: {
  dept: string;
  waiting: readonly ExchangeFile[];
  truncated: boolean;
}) {
  const t = useT(messages);
  const failed = useApi(
    () =>
      unwrap(
        api().GET('/integration/{deptCode}/exchange', {
          params: { path: { deptCode: dept }, query: { status: 'failed' } },
        }),
      ),
    [dept],
  );
  return (
    <>
      <p>{t('exchangeIntro')}</p>
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t('waitingTitle')}</h2>
        <p className="hint">{t('waitingHint')}</p>
        {truncated && <p className="notice">{t('truncated')}</p>}
        {waiting.length === 0 ? (
          <p>{t('noWaiting')}</p>
        ) : (
          <FileTable id="waiting" caption={t('waitingCaption')} items={waiting} />
        )}
      </section>
      <section aria-labelledby="failed-title">
        <h2 id="failed-title">{t('failedTitle')}</h2>
        <p className="hint">{t('failedHint')}</p>
        <Loader loaded={failed}>
          {(data) => (
            <>
              {data.truncated && <p className="notice">{t('truncated')}</p>}
              {data.items.length === 0 ? (
                <p>{t('noFailed')}</p>
              ) : (
                <FileTable id="failed" caption={t('failedCaption')} items={data.items} failed />
              )}
            </>
          )}
        </Loader>
      </section>
    </>
  );
}

function FileTable({
  id,
  caption,
  items,
  failed,
}: {
  id: string;
  caption: string;
  items: readonly ExchangeFile[];
  failed?: boolean;
}) {
  const t = useT(messages);
  const today = shanghaiToday();
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="integration__files">
        <caption id={`${id}-caption`} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('file')}</th>
            <th scope="col">{t('kind')}</th>
            {failed ? <th scope="col">{t('reason')}</th> : <th scope="col">{t('case')}</th>}
            {!failed && <th scope="col">{t('due')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.key}>
              <th scope="row">
                <code>{f.key}</code>
              </th>
              <td>{t(`kind_${f.kind}`)}</td>
              {failed ? (
                <td className="integration__reason">{f.reason ?? ''}</td>
              ) : (
                <td>
                  {f.taskId ? (
                    <Link href={`/tasks/${encodeURIComponent(f.taskId)}`}>{f.caseNumber ?? f.taskId}</Link>
                  ) : (
                    ''
                  )}
                </td>
              )}
              {!failed && <td>{f.dueDate ? <DueDate date={f.dueDate} today={today} /> : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
