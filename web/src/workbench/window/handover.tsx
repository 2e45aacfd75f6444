import { idNumberProblem } from '@shared/domain/catalogue/identifiers';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { api, ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError, ErrorSummary, fieldId } from '../../components/common';
import { detailPath } from '../../components/labelled-field';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { useMatterNames } from '../../pages/appointments/matter-names';
import { useStatusLabel } from '../../pages/cases/status';
import { DueDate } from '../shared/due-date';

type Delivery = components['schemas']['ResultDelivery'];
type Member = NonNullable<Delivery['members']>[number];

const messages = defineMessages(
  {
    title: '出件：流水号 {number}',
    caseStatus: '办件状态',
    method: '送达方式',
    window: '窗口领取',
    post: '邮寄送达',
    status: '出件状态',
    NOT_CHOSEN: '尚未送达窗口',
    CHOSEN: '尚未送达窗口',
    READY_FOR_PICKUP: '待领取',
    SHIPPED: '已寄出',
    IN_TRANSIT: '运输中',
    DELIVERED: '已送达',
    RETURNED: '邮件被退回',
    dueDate: '送达期限',
    deliveredAt: '送达时间',
    receivedBy: '领取人',
    receiverIdNumber: '领取人身份证号（部分隐藏）',
    membersTitle: '一件事各项结果',
    membersCaption: '一件事的成员事项及其结果',
    member: '事项',
    memberNumber: '流水号',
    memberResult: '结果',
    ready: '待领取',
    delivered: '已领取',
    'not-ready': '尚未办结',
    'by-post': '邮寄送达',
    'no-result': '无结果（未获批准、未启动或已撤回）',
    handedOverNow: '（本次交付）',
    byPostText: '申请人选择了邮寄送达，结果不在窗口领取。',
    deliveredText: '结果已于 {time} 交付。',
    notReadyText: '结果尚未送达窗口，请待办结出证后再办理出件。',
    nothingReady: '一件事的各项结果都尚未送达窗口。',
    formTitle: '交付结果',
    receiverName: '领取人姓名',
    receiverNameHint: '核验领取人身份证件后填写；代领的，填写代领人。',
    receiverId: '领取人公民身份号码',
    receiverIdHint: '18 位，校验码随输入核验；只以部分隐藏的形式保存和显示。',
    left: '还需输入 {n} 位',
    checked: '校验码正确',
    partial: '先交付已办结的 {ready} 项结果（另有 {notReady} 项尚未办结，办结后再领取）',
    partialLegend: '部分结果尚未办结',
    handOver: '确认交付',
    handOverAll: '确认交付全部 {n} 项结果',
    busy: '正在提交…',
    nameRequired: '请填写领取人姓名。',
    nameTooLong: '领取人姓名不能超过 50 字。',
    idRequired: '请填写领取人公民身份号码。',
    idLength: '公民身份号码应为 18 位。',
    idChecksum: '公民身份号码校验位不正确，请核对证件。',
    idFormat: '公民身份号码格式不正确。',
    partialRequired: '还有结果尚未办结：勾选先交付已办结的结果，或待全部办结后再交付。',
    doneSingle: '已交付：办件 {number} 的结果已由 {who} 领取，办件状态为已送达。',
    doneBundle: '已交付 {n} 项结果，领取人 {who}。',
    failed: '未能交付。',
  },
  {
    title: 'Result of case {number}',
    caseStatus: 'Case status',
    method: 'Delivery',
    window: 'Pickup at the window',
    post: 'By post',
    status: 'Result',
    NOT_CHOSEN: 'Not at the window yet',
    CHOSEN: 'Not at the window yet',
    READY_FOR_PICKUP: 'Waiting for pickup',
    SHIPPED: 'Shipped',
    IN_TRANSIT: 'In transit',
    DELIVERED: 'Delivered',
    RETURNED: 'Returned to sender',
    dueDate: 'Due by',
    deliveredAt: 'Delivered at',
    receivedBy: 'Received by',
    receiverIdNumber: 'Receiver’s ID number (partly hidden)',
    membersTitle: 'The bundle’s results',
    membersCaption: 'The bundle’s matters and their results',
    member: 'Matter',
    memberNumber: 'Case number',
    memberResult: 'Result',
    ready: 'Waiting for pickup',
    delivered: 'Handed over',
    'not-ready': 'Not decided yet',
    'by-post': 'By post',
    'no-result': 'None (not approved, not started or withdrawn)',
    handedOverNow: ' (handed over now)',
    byPostText: 'The applicant chose delivery by post: the result is not collected here.',
    deliveredText: 'The result was handed over at {time}.',
    notReadyText: 'The result has not reached the window yet; hand it over once it is issued.',
    nothingReady: 'None of the bundle’s results has reached the window yet.',
    formTitle: 'Hand over',
    receiverName: 'Name of the receiver',
    receiverNameHint: 'After checking their ID card; someone collecting for the applicant gives their own name.',
    receiverId: 'Receiver’s resident ID number',
    receiverIdHint: '18 characters, checked as you type; kept and shown partly hidden only.',
    left: '{n} more to type',
    checked: 'Check digit correct',
    partial: 'Hand over the {ready} result(s) ready now ({notReady} not decided yet, to collect later)',
    partialLegend: 'Some results are not ready',
    handOver: 'Confirm the handover',
    handOverAll: 'Confirm the handover of all {n} results',
    busy: 'Sending…',
    nameRequired: 'Enter the receiver’s name.',
    nameTooLong: 'The name may be at most 50 characters.',
    idRequired: 'Enter the receiver’s ID number.',
    idLength: 'An ID number has 18 characters.',
    idChecksum: 'The check digit of the ID number is wrong: check the card.',
    idFormat: 'The ID number is not valid.',
    partialRequired: 'Some results are not ready: tick to hand over the ready ones now, or wait until all are ready.',
    doneSingle: 'Handed over: {who} received the result of case {number}; the case is delivered.',
    doneBundle: '{n} result(s) handed over to {who}.',
    failed: 'The handover was not recorded.',
  },
);
type Key = keyof (typeof messages)['zh'];

interface Problem {
  readonly path: string;
  readonly message: string;
}

/**
 * 出件 of one case: where its result is, a bundle's members one by one (which are ready), and the handover of what
 * waits at the window in one call (POST …/delivery/pickup), recording who received it. `onDelivered` gets the new
 * delivery view.
 */
export function Handover({
  delivery,
  today,
  onDelivered,
}: {
  delivery: Delivery;
  today: string;
  onDelivered: (updated: Delivery) => void;
}) {
  const t = useT(messages);
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const [outcome, setOutcome] = useState<string | undefined>();
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const members = delivery.members;
  const ready = members?.filter((m) => m.result === 'ready') ?? [];
  const notReady = members?.filter((m) => m.result === 'not-ready') ?? [];
  const canHandOver = members
    ? ready.length > 0
    : delivery.method === 'window' && delivery.status === 'READY_FOR_PICKUP';

  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="handover-title" className="handover">
      <h2 id="handover-title">{t('title', { number: delivery.caseNumber })}</h2>
      {outcome && (
        <p className="notice notice--success" role="status" tabIndex={-1} ref={outcomeRef}>
          {outcome}
        </p>
      )}
      <dl className="summary">
        {row(t('caseStatus'), statusLabel(delivery.caseStatus))}
        {!members && row(t('method'), t(delivery.method))}
        {!members && row(t('status'), t(delivery.status as Key))}
        {delivery.dueDate && row(t('dueDate'), <DueDate date={delivery.dueDate} today={today} />)}
        {delivery.deliveredAt && row(t('deliveredAt'), format.dateTime(delivery.deliveredAt))}
        {delivery.receivedBy && row(t('receivedBy'), delivery.receivedBy)}
        {delivery.receiverIdNumber && row(t('receiverIdNumber'), delivery.receiverIdNumber)}
      </dl>
      {members && <Members members={members} />}
      {!members && delivery.method === 'post' && <p className="notice">{t('byPostText')}</p>}
      {!members && delivery.method === 'window' && delivery.status === 'DELIVERED' && !outcome && (
        <p className="notice">{t('deliveredText', { time: format.dateTime(delivery.deliveredAt) })}</p>
      )}
      {!members &&
        delivery.method === 'window' &&
        delivery.status !== 'DELIVERED' &&
        delivery.status !== 'READY_FOR_PICKUP' && <p className="notice notice--warning">{t('notReadyText')}</p>}
      {members && ready.length === 0 && !outcome && <p className="notice notice--warning">{t('nothingReady')}</p>}
      {canHandOver && (
        <HandoverForm
          delivery={delivery}
          readyCount={members ? ready.length : 1}
          notReadyCount={notReady.length}
          today={today}
          onDone={(updated, who) => {
            const handed = updated.members?.filter((m) => m.handedOver).length;
            setOutcome(
              handed === undefined
                ? t('doneSingle', { number: updated.caseNumber, who })
                : t('doneBundle', { n: handed, who }),
            );
            onDelivered(updated);
          }}
        />
      )}
    </section>
  );
}

function Members({ members }: { members: readonly Member[] }) {
  const t = useT(messages);
  const format = useFormat();
  const name = useMatterNames(members.map((m) => m.matterCode));
  const tag: Record<Member['result'], string> = {
    ready: 'tag tag--green',
    delivered: 'tag tag--grey',
    'not-ready': 'tag tag--yellow',
    'by-post': 'tag',
    'no-result': 'tag tag--red',
  };
  return (
    <>
      <h3>{t('membersTitle')}</h3>
      <div className="table-scroll" role="region" aria-labelledby="members-caption" tabIndex={0}>
        <table>
          <caption id="members-caption" className="visually-hidden">
            {t('membersCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('member')}</th>
              <th scope="col">{t('memberNumber')}</th>
              <th scope="col">{t('memberResult')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.matterCode} data-member={m.matterCode}>
                <th scope="row">{name(m.matterCode)}</th>
                <td>{m.caseNumber ?? ''}</td>
                <td>
                  <span className={tag[m.result]}>{t(m.result)}</span>
                  {m.handedOver && t('handedOverNow')}
                  {m.deliveredAt && <span className="muted"> {format.dateTime(m.deliveredAt)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function HandoverForm({
  delivery,
  readyCount,
  notReadyCount,
  today,
  onDone,
}: {
  delivery: Delivery;
  readyCount: number;
  notReadyCount: number;
  today: string;
  onDone: (updated: Delivery, who: string) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [partial, setPartial] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<readonly Problem[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const id = idNumber.trim().toUpperCase();
  const idProblem = id.length === 0 ? 'required' : id.length < 18 ? 'partial' : idNumberProblem(id, today);

  const local: Problem[] = [];
  if (!name.trim()) local.push({ path: 'receivedBy', message: t('nameRequired') });
  else if (name.trim().length > 50) local.push({ path: 'receivedBy', message: t('nameTooLong') });
  if (idProblem === 'required') local.push({ path: 'receiverIdNumber', message: t('idRequired') });
  else if (idProblem === 'partial' || idProblem === 'length')
    local.push({ path: 'receiverIdNumber', message: t('idLength') });
  else if (idProblem === 'checksum') local.push({ path: 'receiverIdNumber', message: t('idChecksum') });
  else if (idProblem) local.push({ path: 'receiverIdNumber', message: t('idFormat') });
  if (notReadyCount > 0 && !partial) local.push({ path: 'partial', message: t('partialRequired') });

  // The ID number's check digit is judged at the 18th character, as the officer types.
  const shown = (p: Problem) => submitted || touched.has(p.path) || (p.path === 'receiverIdNumber' && id.length >= 18);
  const problems = [...local.filter(shown), ...server.filter((s) => !local.some((l) => l.path === s.path))];
  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;
  const leave = (path: string) => setTouched((s) => new Set(s).add(path));

  const placeDetail = (d: ApiErrorDetail): Problem => {
    const path = detailPath(d);
    return {
      path: path.startsWith('members.') ? 'partial' : path,
      message: (lang === 'zh' && d.messageZh) || d.message,
    };
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServer([]);
    setFailure(undefined);
    if (local.length > 0 || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const updated = await unwrap(
        api().POST('/applications/{id}/delivery/pickup', {
          params: { path: { id: delivery.caseId } },
          body: { receivedBy: name.trim(), receiverIdNumber: id, ...(notReadyCount > 0 ? { partial: true } : {}) },
        }),
      );
      onDone(updated, name.trim());
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      const placed = error.details
        .map(placeDetail)
        .filter((p) => ['receivedBy', 'receiverIdNumber', 'partial'].includes(p.path));
      setServer(placed);
      if (placed.length < error.details.length || error.details.length === 0) setFailure(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const idState =
    idProblem === 'partial' ? t('left', { n: 18 - id.length }) : idProblem === undefined ? t('checked') : '';
  return (
    <form noValidate onSubmit={(e) => void send(e)} className="handover-form">
      <h3>{t('formTitle')}</h3>
      <ErrorSummary errors={submitted ? problems : server} />
      <Field
        path="receivedBy"
        label={t('receiverName')}
        hint={t('receiverNameHint')}
        error={problemAt('receivedBy')}
        value={name}
        onChange={setName}
        onBlur={() => leave('receivedBy')}
      />
      <Field
        path="receiverIdNumber"
        label={t('receiverId')}
        hint={t('receiverIdHint')}
        error={problemAt('receiverIdNumber')}
        value={idNumber}
        onChange={(v) => setIdNumber(v.toUpperCase())}
        onBlur={() => leave('receiverIdNumber')}
        className="form-input--identifier"
        status={idState}
        valid={idProblem === undefined}
      />
      {notReadyCount > 0 && (
        <div className={problemAt('partial') ? 'field field--error' : 'field'}>
          <fieldset aria-describedby={problemAt('partial') ? `${fieldId('partial')}-error` : undefined}>
            <legend>{t('partialLegend')}</legend>
            {problemAt('partial') && (
              <span className="field-error" id={`${fieldId('partial')}-error`}>
                {problemAt('partial')}
              </span>
            )}
            <div className="choice">
              <input
                type="checkbox"
                id={fieldId('partial')}
                checked={partial}
                onChange={(e) => setPartial(e.target.checked)}
              />
              <label htmlFor={fieldId('partial')}>{t('partial', { ready: readyCount, notReady: notReadyCount })}</label>
            </div>
          </fieldset>
        </div>
      )}
      {failure && (
        <>
          <p className="notice notice--error" role="alert">
            {t('failed')}
          </p>
          <CommandError error={failure} />
        </>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy
            ? t('busy')
            : delivery.members && notReadyCount === 0
              ? t('handOverAll', { n: readyCount })
              : t('handOver')}
        </button>
      </div>
    </form>
  );
}

function Field({
  path,
  label,
  hint,
  error,
  value,
  onChange,
  onBlur,
  className,
  status,
  valid,
}: {
  path: string;
  label: string;
  hint: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  onBlur: () => void;
  className?: string;
  status?: string;
  valid?: boolean;
}) {
  const id = fieldId(path);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <input
        id={id}
        type="text"
        value={value}
        autoComplete="off"
        spellCheck={false}
        className={[className, error ? 'input--error' : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {status !== undefined && (
        <span className={valid ? 'identifier-state identifier-state--valid' : 'identifier-state'} aria-live="polite">
          {status}
        </span>
      )}
    </div>
  );
}
