import { type FormEvent, useMemo, useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorSummary, fieldId, LoadError, Loading, Page } from '../../components/common';
import { defineMessages, useT } from '../../i18n/i18n';
import { shanghaiToday } from '../shared/due-date';
import { ReadyWalkIns } from './ready-walk-ins';
import { Handover } from './handover';
import './window.css';

type Delivery = components['schemas']['ResultDelivery'];

const messages = defineMessages(
  {
    title: '出件',
    intro: '向申请人交付办理结果（窗口领取），记录领取人。一件事的各项结果一次交付（一窗出件）。',
    findLabel: '流水号或办件二维码',
    findHint: '扫描通知书或回执上的二维码（扫码枪输入办件链接），或输入您收件的办件的流水号。',
    find: '查找',
    finding: '正在查找…',
    required: '请输入流水号，或扫描办件二维码。',
    shape: '无法识别：请输入流水号（如 350100-20260302-00001），或扫描办件二维码。',
    notMine: '在您收件的办件中没有找到流水号 {number}。其他办件请扫描通知书或回执上的二维码查找。',
    notFound: '没有找到可出件的办件：办件尚未办结、没有结果，或不在本窗口辖区。',
  },
  {
    title: 'Results',
    intro: 'Hand results over at the window and record who received them. A bundle’s results are handed over together.',
    findLabel: 'Case number or QR code',
    findHint:
      'Scan the QR code on a notice or receipt (the scanner types the case link), or type the number of a case you registered.',
    find: 'Find',
    finding: 'Finding…',
    required: 'Type a case number, or scan the case’s QR code.',
    shape: 'Not recognised: type a case number (e.g. 350100-20260302-00001) or scan the case’s QR code.',
    notMine: 'No case you registered has number {number}. For other cases, scan the QR code on the notice or receipt.',
    notFound:
      'No result to hand over for this case: it is not decided yet, has no result, or lies outside this window’s region.',
  },
);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CASE_NUMBER = /^\d{6}-\d{8}-\d{5}$/;

/**
 * A case number among the officer's own walk-ins (GET /window/applications, newest first, a few pages): the API has no
 * look-up by 流水号 for the window, so other cases are found by the case link their QR code carries.
 */
async function ownWalkInByNumber(number: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const found = await unwrap(
      api().GET('/window/applications', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    const match = found.items.find((c) => c.number === number);
    if (match) return match.id;
    cursor = found.nextCursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

const loadDelivery = (id: string) => unwrap(api().GET('/applications/{id}/delivery', { params: { path: { id } } }));

/** /workbench/results: 出件 at the window: find the case, see whether its result (or a bundle's results) wait here, hand over. */
export default function Results() {
  const t = useT(messages);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [delivery, setDelivery] = useState<Delivery | undefined>();
  const [lastId, setLastId] = useState<string | undefined>();
  const generation = useRef(0);
  const today = useMemo(shanghaiToday, []);

  const open = async (id: string) => {
    const mine = ++generation.current;
    setBusy(true);
    setFailure(undefined);
    setProblem(undefined);
    setLastId(id);
    try {
      const found = await loadDelivery(id);
      if (mine === generation.current) setDelivery(found);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      if (mine !== generation.current) return;
      setDelivery(undefined);
      if (error.notFound) setProblem(t('notFound'));
      else setFailure(error);
    } finally {
      if (mine === generation.current) setBusy(false);
    }
  };

  const find = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    setFailure(undefined);
    if (!value) return setProblem(t('required'));
    const id = UUID.exec(value)?.[0];
    if (id) return open(id.toLowerCase());
    if (!CASE_NUMBER.test(value)) return setProblem(t('shape'));
    setBusy(true);
    try {
      const own = await ownWalkInByNumber(value);
      if (own) return open(own);
      setDelivery(undefined);
      setProblem(t('notMine', { number: value }));
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  const id = fieldId('find');
  const describedBy = [`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <ErrorSummary errors={problem ? [{ path: 'find', message: problem }] : []} />
      <form noValidate onSubmit={(e) => void find(e)} className="results-find" role="search">
        <div className={problem ? 'field field--error' : 'field'}>
          <label htmlFor={id}>{t('findLabel')}</label>
          <span className="hint" id={`${id}-hint`}>
            {t('findHint')}
          </span>
          {problem && (
            <span className="field-error" id={`${id}-error`}>
              {problem}
            </span>
          )}
          <div className="results-find__row">
            <input
              id={id}
              type="text"
              value={text}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy}
              className={problem ? 'input--error' : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('finding') : t('find')}
            </button>
          </div>
        </div>
      </form>
      {busy && <Loading />}
      {failure && <LoadError error={failure} onRetry={lastId ? () => void open(lastId) : undefined} />}
      {delivery && <Handover key={delivery.caseId} delivery={delivery} today={today} onDelivered={setDelivery} />}
      <ReadyWalkIns onOpen={(caseId) => void open(caseId)} />
    </Page>
  );
}
