import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, Loader, Page, fieldId, useDetailMessage } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { useDepartmentName } from '../shared/department-names';
import './supervisor.css';

type Pending = Awaited<ReturnType<typeof loadPending>>[number];

const messages = defineMessages(
  {
    title: '延期审批',
    intro: '部门申请的延期（行政许可法第四十二条：经批准可延长十个工作日，每件一次），待批准或不予批准。',
    none: '没有待审批的延期申请。',
    count: '共 {n} 件待审批。',
    number: '流水号',
    department: '申请部门',
    days: '延长 {n} 个工作日',
    dueNow: '当前期限：{date}',
    reasonAsked: '申请理由：{reason}',
    requestedAt: '申请时间：{at}',
    decision: '审批决定',
    approve: '批准延期',
    deny: '不予批准',
    note: '审批意见',
    noteHint: '将告知申请人。',
    submit: '提交决定',
    noteRequired: '请填写审批意见',
    decisionRequired: '请选择批准或不予批准',
    granted: '已批准 {number} 的延期，新期限 {date}。',
    denied: '已不予批准 {number} 的延期。',
  },
  {
    title: 'Extensions',
    intro:
      'Extensions departments asked for (Administrative Licensing Law art. 42: 10 more working days with approval, once per case), to grant or deny.',
    none: 'No extension waits for a decision.',
    count: '{n} waiting.',
    number: 'Case number',
    department: 'Asked by',
    days: '{n} more working days',
    dueNow: 'Due now: {date}',
    reasonAsked: 'Reason: {reason}',
    requestedAt: 'Asked at: {at}',
    decision: 'Decision',
    approve: 'Grant the extension',
    deny: 'Deny it',
    note: 'Your reason',
    noteHint: 'The applicant is told.',
    submit: 'Decide',
    noteRequired: 'Give your reason',
    decisionRequired: 'Choose to grant or deny',
    granted: 'Extension of {number} granted; now due {date}.',
    denied: 'Extension of {number} denied.',
  },
);

async function loadPending() {
  return (await unwrap(api().GET('/supervision/extensions', { params: { query: { status: 'pending', limit: 100 } } })))
    .items;
}

/** /workbench/extensions: the pending extension requests, each with its grant-or-deny form. */
export default function Extensions() {
  const t = useT(messages);
  const loaded = useApi(loadPending, []);
  const [outcome, setOutcome] = useState<string>();
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <div role="status">{outcome && <p className="notice notice--success">{outcome}</p>}</div>
      <Loader loaded={loaded}>
        {(items) => (
          <>
            <p>{items.length === 0 ? t('none') : t('count', { n: items.length })}</p>
            <ul className="list-plain">
              {items.map((item) => (
                <li key={item.id} className="card">
                  <Request
                    item={item}
                    onDecided={(text) => {
                      setOutcome(text);
                      loaded.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </Loader>
    </Page>
  );
}

function Request({ item, onDecided }: { item: Pending; onDecided: (text: string) => void }) {
  const t = useT(messages);
  const departmentName = useDepartmentName();
  const detailMessage = useDetailMessage();
  const [decision, setDecision] = useState<'approve' | 'deny' | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `${name}-${item.id}`;
  const errorOf = (path: string) => errors.find((e) => e.path === id(path))?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = [
      ...(decision === '' ? [{ path: id('decision'), message: t('decisionRequired') }] : []),
      ...(note.trim() === '' ? [{ path: id('note'), message: t('noteRequired') }] : []),
    ];
    setErrors(found);
    setFailure(undefined);
    if (found.length > 0 || decision === '') return;
    setBusy(true);
    try {
      const answer = await unwrap(
        api().POST('/applications/{id}/extension', {
          params: { path: { id: item.id } },
          body: { decision, note: note.trim() },
        }),
      );
      onDecided(
        decision === 'approve'
          ? t('granted', { number: item.number, date: answer.review?.dueDate ?? '' })
          : t('denied', { number: item.number }),
      );
    } catch (error) {
      const e = error as ApiError;
      const noteDetail = e.details?.find((d) => d.path === 'body.note');
      if (noteDetail) setErrors([{ path: id('note'), message: detailMessage(noteDetail) }]);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const decisionError = errorOf('decision');
  const noteError = errorOf('note');
  return (
    <>
      <h2>
        <Link href={`/cases/${item.id}`}>{item.number}</Link>
      </h2>
      <ul className="list-plain">
        <li>
          {t('department')}：{departmentName(item.department)}
        </li>
        <li>{t('days', { n: item.extension.days })}</li>
        <li>{t('dueNow', { date: item.dueDate })}</li>
        <li>{t('reasonAsked', { reason: item.extension.reason })}</li>
      </ul>
      <form className="decision-form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} />
        <CommandError error={failure} />
        <fieldset
          className={decisionError ? 'group field field--error' : 'group field'}
          aria-describedby={decisionError ? `${fieldId(id('decision'))}-error` : undefined}
        >
          <legend className="label">{t('decision')}</legend>
          {decisionError && (
            <p className="field-error" id={`${fieldId(id('decision'))}-error`}>
              {decisionError}
            </p>
          )}
          {(['approve', 'deny'] as const).map((d, i) => (
            <div key={d} className="choice">
              <input
                type="radio"
                id={i === 0 ? fieldId(id('decision')) : `${fieldId(id('decision'))}-${d}`}
                name={id('decision')}
                value={d}
                checked={decision === d}
                onChange={() => setDecision(d)}
              />
              <label htmlFor={i === 0 ? fieldId(id('decision')) : `${fieldId(id('decision'))}-${d}`}>{t(d)}</label>
            </div>
          ))}
        </fieldset>
        <div className={noteError ? 'field field--error' : 'field'}>
          <label className="label" htmlFor={fieldId(id('note'))}>
            {t('note')}
          </label>
          <p className="hint" id={`${fieldId(id('note'))}-hint`}>
            {t('noteHint')}
          </p>
          {noteError && (
            <p className="field-error" id={`${fieldId(id('note'))}-error`}>
              {noteError}
            </p>
          )}
          <textarea
            id={fieldId(id('note'))}
            rows={3}
            maxLength={2000}
            className={noteError ? 'input--error' : undefined}
            value={note}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={`${fieldId(id('note'))}-hint${noteError ? ` ${fieldId(id('note'))}-error` : ''}`}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
