import type { Material } from '@shared/domain/catalogue/model';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { fieldId } from '../../components/common';
import { FieldErrors } from '../../form/form-fields';
import type { FieldProblem } from '../../form/use-form';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { COMMITMENT_PATH } from './materials';
import { type CaseView, type MatterGuide, matterGuide } from './template';
import '../commitment.css';

export type CommitmentOffer = NonNullable<MatterGuide['commitment']>;

const messages = defineMessages(
  {
    title: '以告知承诺代替材料（可选）',
    intro:
      '本事项实行告知承诺制：您书面承诺符合条件的，下列材料可以不上传，审批部门依据承诺作出决定，并在决定后 {days} 个工作日内核查。',
    replaceable: '可以承诺代替：',
    open: '以告知承诺代替',
    conditions: '您承诺符合的条件',
    text: '承诺书',
    original: '中文原文',
    consequences: '承诺不实的后果',
    materialsLegend: '以承诺代替哪些材料',
    materialsHint: '未选择的材料仍须上传。',
    accept: '我已阅读并承诺',
    acceptHint: '勾选即表示您已阅读上面的承诺书，并以申请人名义作出承诺。',
    acceptRequired: '请阅读承诺书并勾选“我已阅读并承诺”',
    materialsRequired: '请至少选择一项以承诺代替的材料',
    notReplaceable: '{name}不可以承诺代替',
    reload: '重新载入承诺书',
    reloaded: '已重新载入承诺书，请重新阅读后确认。',
    confirm: '确认承诺',
    confirming: '正在提交…',
    close: '暂不承诺',
    madeTitle: '已以告知承诺代替材料',
    made: '您已于 {time} 确认告知承诺，以下材料无需上传：',
    madeNow: '已确认告知承诺。',
    check: '审批决定后，审批部门将在 {days} 个工作日内核查；承诺不实的，将依法撤销许可。',
    withdraw: '撤回承诺',
    withdrawing: '正在撤回…',
    withdrawHint: '撤回后，这些材料须上传。',
    withdrawn: '已撤回告知承诺，请上传相应材料。',
    locked: '此状态下不能更改告知承诺。',
    failed: '未能提交：{reason}',
    network: '网络连接失败，未能提交。您的选择仍保留在本页，请重试。',
  },
  {
    title: 'Replace documents by a written commitment (optional)',
    intro:
      'This service follows the notification-and-commitment system (告知承诺制): if you commit in writing that you meet the conditions, you need not upload the documents below; the department decides on your commitment and checks it within {days} working days after the decision.',
    replaceable: 'A commitment may replace: ',
    open: 'Replace them by a commitment',
    conditions: 'What you commit to meeting',
    text: 'The commitment (承诺书)',
    original: 'The Chinese original (the text you commit to)',
    consequences: 'If the commitment is false',
    materialsLegend: 'Which documents the commitment replaces',
    materialsHint: 'Documents you do not choose must still be uploaded.',
    accept: 'I have read the commitment and commit to it',
    acceptHint: 'Ticking this means you have read the commitment above and make it in the applicant’s name.',
    acceptRequired: 'Read the commitment and tick “I have read the commitment and commit to it”',
    materialsRequired: 'Choose at least one document the commitment replaces',
    notReplaceable: '{name} cannot be replaced by a commitment',
    reload: 'Load the commitment again',
    reloaded: 'The commitment was loaded again: please read it before you confirm.',
    confirm: 'Confirm the commitment',
    confirming: 'Submitting…',
    close: 'Not now',
    madeTitle: 'Documents replaced by your commitment',
    made: 'You confirmed the commitment on {time}; these documents need no upload:',
    madeNow: 'The commitment is confirmed.',
    check:
      'After the decision, the department checks within {days} working days; a false commitment has the licence revoked.',
    withdraw: 'Withdraw the commitment',
    withdrawing: 'Withdrawing…',
    withdrawHint: 'Once withdrawn, these documents must be uploaded.',
    withdrawn: 'The commitment is withdrawn: please upload the documents.',
    locked: 'The commitment cannot be changed in this state.',
    failed: 'Not submitted: {reason}',
    network: 'No connection: not submitted. Your choices are kept on this page; please try again.',
  },
);

/** A commitment can be made or withdrawn before submission and while correcting (the API's rule). */
const CHANGEABLE = ['DRAFT', 'CORRECTION_REQUESTED'];

interface Problems {
  readonly accepted: readonly FieldProblem[];
  readonly materials: readonly FieldProblem[];
  readonly text: readonly FieldProblem[];
  /** By material code. */
  readonly items: ReadonlyMap<string, readonly FieldProblem[]>;
}
const NONE: Problems = { accepted: [], materials: [], text: [], items: new Map() };

/**
 * 告知承诺 on the materials step: the matter's commitment (its text and what follows if it is false), the materials
 * it replaces (all listed by default), "我已阅读并承诺", then PUT /applications/{id}/commitment; once made, the
 * materials it replaces, when, and a way to withdraw it. Each problem stands next to its control, in the reader's
 * language; what was chosen stays when anything fails.
 */
export function CommitmentPanel({
  caseView,
  offer: published,
  materials,
  onCase,
}: {
  caseView: CaseView;
  offer: CommitmentOffer;
  materials: readonly Material[];
  onCase: (updated: CaseView) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const format = useFormat();
  const [offer, setOffer] = useState(published);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<readonly string[]>(published.materials);
  const [accepted, setAccepted] = useState(false);
  const [problems, setProblems] = useState<Problems>(NONE);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const panel = useRef<HTMLElement>(null);
  const acceptBox = useRef<HTMLInputElement>(null);
  const firstMaterial = useRef<HTMLInputElement>(null);
  const textBox = useRef<HTMLParagraphElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [focusPanel, setFocusPanel] = useState(false);

  const id = fieldId(COMMITMENT_PATH);
  const acceptId = fieldId(`${COMMITMENT_PATH}.accepted`);
  const materialsId = fieldId(`${COMMITMENT_PATH}.materials`);
  const textId = fieldId(`${COMMITMENT_PATH}.text`);
  const formId = `${id}-form`;
  const english = lang === 'en';
  const sep = english ? ', ' : '、';
  const nameOf = (code: string) => materials.find((m) => m.code === code)?.name ?? code;
  const changeable = CHANGEABLE.includes(caseView.status);
  const made = caseView.commitment && caseView.commitment.materials.length > 0 ? caseView.commitment : undefined;
  const message = (p: { message: string; messageZh?: string }) =>
    lang === 'zh' && p.messageZh ? p.messageZh : p.message;

  // After confirming or withdrawing, the panel (now saying what happened) takes the focus.
  useEffect(() => {
    if (!focusPanel) return;
    panel.current?.focus();
    setFocusPanel(false);
  }, [focusPanel]);

  const mine = (en: string, zh: string, rule: string, path: string): FieldProblem => ({
    path,
    rule,
    message: en,
    messageZh: zh,
  });
  const ownProblem = (key: 'acceptRequired' | 'materialsRequired', path: string, rule: string) =>
    mine(messages.en[key], messages.zh[key], rule, path);

  const put = async (body: { materials: readonly string[]; accepted?: boolean; textHash?: string }) =>
    (await unwrap(
      api().PUT('/applications/{id}/commitment', {
        params: { path: { id: caseView.id } },
        body: { ...body, materials: [...body.materials] },
      }),
    )) as CaseView;

  /** The API's problems, each placed at the control it names (body.materials.<i> at that material's box). */
  const placed = (error: ApiError, sent: readonly string[]): Problems => {
    const items = new Map<string, FieldProblem[]>();
    const out = { accepted: [] as FieldProblem[], materials: [] as FieldProblem[], text: [] as FieldProblem[] };
    for (const d of error.details) {
      const item = /^body\.materials\.(\d+)$/.exec(d.path);
      const code = item ? sent[Number(item[1])] : undefined;
      if (code !== undefined) {
        const name = nameOf(code);
        items.set(code, [
          ...(items.get(code) ?? []),
          mine(
            messages.en.notReplaceable.replace('{name}', name),
            messages.zh.notReplaceable.replace('{name}', name),
            d.rule,
            d.path,
          ),
        ]);
      } else if (d.path === 'body.accepted') out.accepted.push(d);
      else if (d.path === 'body.textHash') out.text.push(d);
      else out.materials.push(d);
    }
    return { ...out, items };
  };

  const focusFirst = (p: Problems) => {
    if (p.text.length > 0) textBox.current?.focus();
    else if (p.materials.length > 0 || p.items.size > 0) firstMaterial.current?.focus();
    else if (p.accepted.length > 0) acceptBox.current?.focus();
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    setAnnouncement('');
    const sent = offer.materials.filter((code) => chosen.includes(code));
    const local: Problems = {
      ...NONE,
      materials: sent.length === 0 ? [ownProblem('materialsRequired', 'body.materials', 'required')] : [],
      accepted: accepted ? [] : [ownProblem('acceptRequired', 'body.accepted', 'required')],
    };
    if (local.materials.length > 0 || local.accepted.length > 0) {
      setProblems(local);
      focusFirst(local);
      return;
    }
    setBusy(true);
    try {
      const updated = await put({ materials: sent, accepted: true, textHash: offer.textHash });
      setProblems(NONE);
      setOpen(false);
      setAccepted(false);
      onCase(updated);
      setAnnouncement(t('madeNow'));
      setFocusPanel(true);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      if (error.details.length > 0) {
        const p = placed(error, sent);
        setProblems(p);
        focusFirst(p);
      } else setFailure(error.network ? t('network') : t('failed', { reason: error.message }));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    setAnnouncement('');
    try {
      const updated = await put({ materials: [] });
      // What was committed is offered again as the choice.
      setChosen(made?.materials ?? offer.materials);
      onCase(updated);
      setAnnouncement(t('withdrawn'));
      setFocusPanel(true);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      setFailure(
        error.network ? t('network') : t('failed', { reason: error.details.map(message).join(sep) || error.message }),
      );
    } finally {
      setBusy(false);
    }
  };

  /** The text changed since it was read (body.textHash current-text): load it again, to be read and ticked again. */
  const reload = async () => {
    setBusy(true);
    try {
      const guide = await matterGuide(caseView.matterCode, caseView.matterVersion);
      if (guide.commitment) setOffer(guide.commitment);
      setAccepted(false);
      setProblems(NONE);
      setAnnouncement(t('reloaded'));
      textBox.current?.focus();
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      setFailure(error.network ? t('network') : t('failed', { reason: error.message }));
    } finally {
      setBusy(false);
    }
  };

  const status = (
    <p role="status" aria-live="polite" className={announcement ? 'notice notice--success' : 'visually-hidden'}>
      {announcement}
    </p>
  );
  const failed = failure && (
    <p className="notice notice--error" role="alert">
      {failure}
    </p>
  );

  if (made) {
    return (
      <section
        id={id}
        ref={panel}
        tabIndex={-1}
        aria-labelledby={`${id}-title`}
        className="commitment-panel commitment-panel--made"
      >
        <h3 id={`${id}-title`}>{t('madeTitle')}</h3>
        {status}
        <p>{t('made', { time: format.dateTime(made.at) })}</p>
        <ul>
          {made.materials.map((code) => (
            <li key={code}>{nameOf(code)}</li>
          ))}
        </ul>
        <p className="hint">{t('check', { days: offer.postCheckDays })}</p>
        {failed}
        {changeable ? (
          <>
            <p className="hint" id={`${id}-withdraw-hint`}>
              {t('withdrawHint')}
            </p>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              aria-describedby={`${id}-withdraw-hint`}
              onClick={() => void withdraw()}
            >
              {busy ? t('withdrawing') : t('withdraw')}
            </button>
          </>
        ) : (
          <p className="hint">{t('locked')}</p>
        )}
      </section>
    );
  }

  const text = english && offer.textEn ? offer.textEn : offer.text;
  const consequences = english && offer.consequencesEn ? offer.consequencesEn : offer.consequences;
  const contentLang = english ? 'zh-CN' : undefined;
  const acceptErrorId = problems.accepted.length > 0 ? `${acceptId}-error` : undefined;
  const materialsErrorId = problems.materials.length > 0 ? `${materialsId}-error` : undefined;
  const textErrorId = problems.text.length > 0 ? `${textId}-error` : undefined;

  return (
    <section id={id} ref={panel} tabIndex={-1} aria-labelledby={`${id}-title`} className="commitment-panel">
      <h3 id={`${id}-title`}>{t('title')}</h3>
      {status}
      <p>{t('intro', { days: offer.postCheckDays })}</p>
      <p>
        {t('replaceable')}
        <span lang={contentLang}>{offer.materials.map(nameOf).join(sep)}</span>
        {english ? '.' : '。'}
      </p>
      {!changeable && <p className="hint">{t('locked')}</p>}
      {changeable && (
        <button
          type="button"
          ref={toggle}
          className="button button--secondary"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          {t('open')}
        </button>
      )}
      {changeable && open && (
        <form id={formId} noValidate onSubmit={(e) => void confirm(e)}>
          {offer.conditions.length > 0 && (
            <>
              <h4>{t('conditions')}</h4>
              <ul lang={contentLang}>
                {offer.conditions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
          <div className={textErrorId ? 'field field--error' : undefined}>
            <h4 id={`${textId}-title`}>{t('text')}</h4>
            <FieldErrors id={textErrorId} problems={problems.text} />
            <p
              id={textId}
              ref={textBox}
              tabIndex={-1}
              className="commitment-text"
              lang={english && offer.textEn ? undefined : contentLang}
              aria-describedby={textErrorId}
            >
              {text}
            </p>
            {textErrorId && (
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void reload()}>
                {t('reload')}
              </button>
            )}
            {english && offer.textEn && (
              <details className="commitment-original">
                <summary>{t('original')}</summary>
                <p className="commitment-text" lang="zh-CN">
                  {offer.text}
                </p>
              </details>
            )}
          </div>
          <h4>{t('consequences')}</h4>
          <p
            className="commitment-text commitment-text--consequences"
            lang={english && offer.consequencesEn ? undefined : contentLang}
          >
            {consequences}
          </p>

          <div className={materialsErrorId || problems.items.size > 0 ? 'field field--error' : 'field'}>
            <fieldset
              id={materialsId}
              aria-describedby={[`${materialsId}-hint`, materialsErrorId].filter(Boolean).join(' ')}
            >
              <legend>{t('materialsLegend')}</legend>
              <span id={`${materialsId}-hint`} className="hint">
                {t('materialsHint')}
              </span>
              <FieldErrors id={materialsErrorId} problems={problems.materials} />
              {offer.materials.map((code, i) => {
                const boxId = `${materialsId}-${i}`;
                const itemProblems = problems.items.get(code) ?? [];
                const itemErrorId = itemProblems.length > 0 ? `${boxId}-error` : undefined;
                return (
                  <div key={code}>
                    <div className="choice">
                      <input
                        ref={i === 0 ? firstMaterial : undefined}
                        type="checkbox"
                        id={boxId}
                        name={materialsId}
                        value={code}
                        checked={chosen.includes(code)}
                        aria-invalid={itemErrorId || materialsErrorId ? true : undefined}
                        aria-describedby={itemErrorId}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setChosen((list) =>
                            on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code),
                          );
                        }}
                      />
                      <label htmlFor={boxId} lang={contentLang}>
                        {nameOf(code)}
                      </label>
                    </div>
                    <span className="commitment-item-error">
                      <FieldErrors id={itemErrorId} problems={itemProblems} />
                    </span>
                  </div>
                );
              })}
            </fieldset>
          </div>

          <div className={acceptErrorId ? 'field field--error' : 'field'}>
            <FieldErrors id={acceptErrorId} problems={problems.accepted} />
            <div className="choice commitment-accept">
              <input
                ref={acceptBox}
                type="checkbox"
                id={acceptId}
                checked={accepted}
                aria-invalid={acceptErrorId ? true : undefined}
                aria-describedby={[`${acceptId}-hint`, acceptErrorId].filter(Boolean).join(' ')}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setAccepted(on);
                  if (on) setProblems((p) => ({ ...p, accepted: [] }));
                }}
              />
              <label htmlFor={acceptId}>{t('accept')}</label>
            </div>
            <span id={`${acceptId}-hint`} className="hint">
              {t('acceptHint')}
            </span>
          </div>
          {failed}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('confirming') : t('confirm')}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setOpen(false);
                toggle.current?.focus();
              }}
            >
              {t('close')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
