import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, type ApiError, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { CommandError, Loader, Page, RequireSignIn } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import { applicantNameOf, type EntryInfo, entryInfosOf } from './catalogue';
import { Deadline } from './deadline';
import { useNextStep } from './next-step';
import { type CaseView, ORDERABLE, StatusTag } from './status';
import './cases.css';

const messages = defineMessages(
  {
    title: '我的办件',
    agentLead: '您代为办理的办件，最新的在前。',
    lead: '您申请的办件，最新的在前。',
    empty: '您还没有办件。',
    search: '查找办事事项',
    number: '流水号',
    status: '状态',
    principal: '委托人',
    created: '创建时间',
    submitted: '提交时间',
    acceptanceDue: '受理期限',
    reviewDue: '办结期限',
    draftExpires: '草稿保留至',
    todo: '待办',
    more: '加载更多',
    loaded: '已显示 {n} 件',
    all: '已显示全部 {n} 件',
    staff: '工作人员请在工作台处理办件。',
    workbench: '前往工作台',
  },
  {
    title: 'My cases',
    agentLead: 'The cases you file for others, newest first.',
    lead: 'The cases you applied for, newest first.',
    empty: 'You have no cases yet.',
    search: 'Find a service',
    number: 'Case number',
    status: 'Status',
    principal: 'On behalf of',
    created: 'Started',
    submitted: 'Submitted',
    acceptanceDue: 'Acceptance due',
    reviewDue: 'Decision due',
    draftExpires: 'Draft kept until',
    todo: 'To do',
    more: 'Show more',
    loaded: '{n} cases shown',
    all: 'All {n} cases shown',
    staff: 'Staff handle cases in the workbench.',
    workbench: 'Go to the workbench',
  },
);

const PAGE_SIZE = 20;
type CasePage = { items: CaseView[]; nextCursor?: string };
/** A page of cases with the words for their matters, fetched before it shows (no codes flashing by). */
type NamedPage = CasePage & { infos: ReadonlyMap<string, EntryInfo> };

async function loadPage(cursor?: string): Promise<NamedPage> {
  const page = (await unwrap(
    api().GET('/applications', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
  )) as CasePage;
  return { ...page, infos: await entryInfosOf(page.items) };
}

/** 我的办件: my cases (an agent: the ones filed for others), newest first, a page at a time. */
export default function MyCases() {
  const t = useT(messages);
  return (
    <RequireSignIn>
      <Page title={t('title')}>
        <CaseList />
      </Page>
    </RequireSignIn>
  );
}

const OWNER_ROLES = new Set(['applicant', 'agent']);

function CaseList() {
  const t = useT(messages);
  const me = useMe();
  if (!OWNER_ROLES.has(me.role))
    return (
      <p>
        {t('staff')} <Link href="/workbench">{t('workbench')}</Link>
      </p>
    );
  return <OwnerCaseList agent={me.role === 'agent'} />;
}

function OwnerCaseList({ agent }: { agent: boolean }) {
  const t = useT(messages);
  const first = useApi(() => loadPage(), []);
  return (
    <>
      <p className="lead">{agent ? t('agentLead') : t('lead')}</p>
      <Loader loaded={first}>{(page) => <Pages first={page} agent={agent} />}</Loader>
    </>
  );
}

/** The first page, and further pages appended by cursor (the API's order: newest first). */
function Pages({ first, agent }: { first: NamedPage; agent: boolean }) {
  const t = useT(messages);
  const [items, setItems] = useState(first.items);
  const [infos, setInfos] = useState(first.infos);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    setItems(first.items);
    setInfos(first.infos);
    setCursor(first.nextCursor);
  }, [first]);
  const unpaid = useUnpaid(items);

  const more = useCallback(async () => {
    if (!cursor) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await loadPage(cursor);
      setItems((current) => [...current, ...next.items]);
      setInfos((current) => new Map([...current, ...next.infos]));
      setCursor(next.nextCursor);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }, [cursor]);

  if (items.length === 0)
    return (
      <>
        <p>{t('empty')}</p>
        <p>
          <Link href="/search" className="button">
            {t('search')}
          </Link>
        </p>
      </>
    );
  return (
    <>
      <ul className="list-plain case-list">
        {items.map((c) => (
          <CaseItem
            key={c.id}
            c={c}
            name={infos.get(c.id)?.name}
            principal={agent ? applicantNameOf(c, infos.get(c.id)) : undefined}
            unpaidFen={unpaid.get(c.id)}
          />
        ))}
      </ul>
      <p role="status" className="muted">
        {cursor ? t('loaded', { n: items.length }) : t('all', { n: items.length })}
      </p>
      <CommandError error={error} />
      {cursor && (
        <button type="button" className="button button--secondary" onClick={() => void more()} disabled={busy}>
          {t('more')}
        </button>
      )}
    </>
  );
}

/** Fee orders waiting for payment, by case: only cases in a status that takes a fee are asked. */
function useUnpaid(items: readonly CaseView[]): ReadonlyMap<string, number> {
  const [unpaid, setUnpaid] = useState<ReadonlyMap<string, number>>(new Map());
  const ids = items.filter((c) => ORDERABLE.includes(c.status)).map((c) => c.id);
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: ids is a new array each render; key changes with the set
  useEffect(() => {
    let cancelled = false;
    void Promise.all(
      ids.map((id) =>
        unwrap(api().GET('/applications/{id}/payment', { params: { path: { id } } })).then(
          (p) => (p.order.status === 'AWAITING' ? ([id, p.order.amountFen] as const) : undefined),
          // No order (a free matter: 404) or no answer: nothing to pay shown.
          () => undefined,
        ),
      ),
    ).then(
      (found) => !cancelled && setUnpaid(new Map(found.filter((f): f is readonly [string, number] => f !== undefined))),
    );
    return () => {
      cancelled = true;
    };
  }, [key]);
  return unpaid;
}

function CaseItem({
  c,
  name,
  principal,
  unpaidFen,
}: {
  c: CaseView;
  name?: { zh: string; en: string };
  principal?: string;
  unpaidFen?: number;
}) {
  const t = useT(messages);
  const localised = useLocalised();
  const format = useFormat();
  const nextStep = useNextStep()(c, unpaidFen === undefined ? undefined : { amountFen: unpaidFen });
  const href = c.status === 'DRAFT' ? `/cases/${c.id}/edit` : `/cases/${c.id}`;
  const title = name ? localised(name) : c.matterCode;
  return (
    <li className="case-item">
      <div className="case-item__head">
        <h2 className="case-item__title">
          <Link href={href}>{title}</Link>
        </h2>
        <StatusTag status={c.status} />
      </div>
      <dl className="summary summary--compact">
        <div>
          <dt>{t('number')}</dt>
          <dd>{c.number}</dd>
        </div>
        {principal && (
          <div>
            <dt>{t('principal')}</dt>
            <dd>{principal}</dd>
          </div>
        )}
        <div>
          <dt>{c.submittedAt ? t('submitted') : t('created')}</dt>
          <dd>{format.dateTime(c.submittedAt ?? c.createdAt)}</dd>
        </div>
        {c.deadlines.acceptance && (
          <div>
            <dt>{t('acceptanceDue')}</dt>
            <dd>
              <Deadline date={c.deadlines.acceptance} />
            </dd>
          </div>
        )}
        {c.deadlines.review && (
          <div>
            <dt>{t('reviewDue')}</dt>
            <dd>
              <Deadline date={c.deadlines.review} />
            </dd>
          </div>
        )}
        {c.deadlines.draftExpiresAt && (
          <div>
            <dt>{t('draftExpires')}</dt>
            <dd>{format.date(c.deadlines.draftExpiresAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('todo')}</dt>
          <dd className={nextStep.action ? 'case-item__todo case-item__todo--action' : 'case-item__todo'}>
            {nextStep.text}
          </dd>
        </div>
      </dl>
    </li>
  );
}
