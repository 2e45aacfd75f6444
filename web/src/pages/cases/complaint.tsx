import { useEffect, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { CommandError, ErrorSummary, fieldId, useDetailMessage } from '../../components/common';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import type { components } from '../../api/schema';

const messages = defineMessages(
  {
    title: '投诉',
    lead: '对本办件的办理有意见，可以向负责的部门投诉，部门须在规定的工作日内答复，答复也会发到您的消息中心。',
    open: '对本办件提出投诉…',
    category: '投诉类别',
    delay: '办理超时',
    attitude: '服务态度',
    requirements: '要求不合理或索要额外材料',
    result: '办理结果',
    system: '系统使用问题',
    other: '其他',
    content: '投诉内容',
    contentHint: '请写明经过和您的诉求，10 至 2000 字。',
    name: '联系人',
    phone: '手机号码',
    email: '电子邮箱',
    contactHint: '手机号码和电子邮箱至少填写一项，用于答复您。',
    submit: '提交投诉',
    busy: '正在提交…',
    cancel: '取消',
    needCategory: '请选择投诉类别',
    tooShort: '投诉内容至少 10 个字',
    tooLong: '投诉内容不能超过 2000 字',
    needName: '请填写联系人',
    needContact: '请填写手机号码或电子邮箱',
    received: '投诉已受理',
    receipt: '投诉编号 {id}，由{department}在 {date} 前答复。查询码 {code}（只显示这一次，请记下）。',
  },
  {
    title: 'Complaint',
    lead: 'If you are unhappy with how this case was handled, you can complain to the responsible department; it must answer within a set number of working days, and the answer also reaches your messages.',
    open: 'Complain about this case…',
    category: 'What is it about?',
    delay: 'Delay',
    attitude: 'Staff attitude',
    requirements: 'Unreasonable requirements or extra documents',
    result: 'The outcome',
    system: 'Problems with the website',
    other: 'Something else',
    content: 'Your complaint',
    contentHint: 'What happened and what you ask for, 10 to 2000 characters.',
    name: 'Contact name',
    phone: 'Mobile number',
    email: 'E-mail address',
    contactHint: 'Give a mobile number or an e-mail address (or both) to be answered at.',
    submit: 'Send the complaint',
    busy: 'Sending…',
    cancel: 'Cancel',
    needCategory: 'Choose what the complaint is about',
    tooShort: 'Write at least 10 characters',
    tooLong: 'Write at most 2000 characters',
    needName: 'Enter a contact name',
    needContact: 'Enter a mobile number or an e-mail address',
    received: 'Complaint received',
    receipt: 'Complaint {id}: {department} answers by {date}. Access code {code} (shown only once: note it down).',
  },
);

const CATEGORIES = ['delay', 'attitude', 'requirements', 'result', 'system', 'other'] as const;
type Category = (typeof CATEGORIES)[number];
type Receipt = components['schemas']['ComplaintReceipt'];

/** A complaint about this case (POST /me/complaints), with the receipt and its one-time access code. */
export function ComplaintSection({
  caseNumber,
  departmentName,
}: {
  caseNumber: string;
  departmentName: (code: string) => string;
}) {
  const t = useT(messages);
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | undefined>();
  return (
    <section aria-labelledby="complaint-title" className="case-section">
      <h2 id="complaint-title">{t('title')}</h2>
      {receipt ? (
        <div className="notice notice--success" role="status">
          <h3>{t('received')}</h3>
          <p>
            {t('receipt', {
              id: receipt.id,
              department: departmentName(receipt.department),
              date: format.date(receipt.dueDate),
              code: receipt.accessCode,
            })}
          </p>
        </div>
      ) : (
        <>
          <p>{t('lead')}</p>
          {open ? (
            <ComplaintForm caseNumber={caseNumber} onSent={setReceipt} onCancel={() => setOpen(false)} />
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
              {t('open')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ComplaintForm({
  caseNumber,
  onSent,
  onCancel,
}: {
  caseNumber: string;
  onSent(r: Receipt): void;
  onCancel(): void;
}) {
  const t = useT(messages);
  const me = useMe();
  const { lang } = useLang();
  const detail = useDetailMessage();
  const [category, setCategory] = useState<Category | undefined>();
  const [content, setContent] = useState('');
  const [name, setName] = useState(me.name ?? '');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  // The contact details the applicant keeps in their settings, so they need not type them again.
  useEffect(() => {
    let cancelled = false;
    unwrap(api().GET('/me/contact')).then(
      (c) => {
        if (cancelled) return;
        setPhone((p) => p || c.phone || '');
        setEmail((e) => e || c.email || '');
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const errors = new Map(local);
  for (const d of error?.details ?? []) {
    // The contact's "phone or e-mail" rule names the contact itself: it is shown at the phone field.
    const path = d.path.replace(/^body\./, '').replace(/^contact$/, 'contact.phone');
    if (!errors.has(path)) errors.set(path, detail(d));
  }

  const submit = async () => {
    const problems = new Map<string, string>();
    const text = content.trim();
    if (!category) problems.set('category', t('needCategory'));
    if ([...text].length < 10) problems.set('content', t('tooShort'));
    else if ([...text].length > 2000) problems.set('content', t('tooLong'));
    if (!name.trim()) problems.set('contact.name', t('needName'));
    if (!phone.trim() && !email.trim()) problems.set('contact.phone', t('needContact'));
    setLocal(problems);
    setError(undefined);
    if (problems.size > 0 || !category) return;
    setBusy(true);
    try {
      const receipt = await unwrap(
        api().POST('/me/complaints', {
          body: {
            about: { caseNumber },
            category,
            content: text,
            contact: {
              name: name.trim(),
              ...(phone.trim() ? { phone: phone.trim() } : {}),
              ...(email.trim() ? { email: email.trim() } : {}),
            },
            language: lang,
          },
        }),
      );
      onSent(receipt);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  const input = (
    path: string,
    label: string,
    value: string,
    set: (v: string) => void,
    type: 'text' | 'tel' | 'email',
    hint?: string,
  ) => {
    const id = fieldId(`complaint.${path}`);
    const problem = errors.get(path);
    const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className={problem ? 'field field--error' : 'field'}>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {problem && (
          <span className="field-error" id={`${id}-error`}>
            {problem}
          </span>
        )}
        <input
          id={id}
          type={type}
          value={value}
          onChange={(e) => set(e.target.value)}
          autoComplete={type === 'tel' ? 'tel' : type === 'email' ? 'email' : 'name'}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          className={problem ? 'input--error' : undefined}
        />
      </div>
    );
  };

  const contentId = fieldId('complaint.content');
  const contentError = errors.get('content');
  const categoryError = errors.get('category');
  return (
    <form
      className="group"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary errors={[...errors].map(([path, message]) => ({ path: `complaint.${path}`, message }))} />
      <fieldset
        className={categoryError ? 'field field--error' : 'field'}
        aria-describedby={categoryError ? 'complaint-category-error' : undefined}
      >
        <legend>{t('category')}</legend>
        {categoryError && (
          <span className="field-error" id="complaint-category-error">
            {categoryError}
          </span>
        )}
        {CATEGORIES.map((c, i) => {
          const id = i === 0 ? fieldId('complaint.category') : `complaint-category-${c}`;
          return (
            <div className="choice" key={c}>
              <input
                type="radio"
                id={id}
                name="complaint-category"
                value={c}
                checked={category === c}
                onChange={() => setCategory(c)}
              />
              <label htmlFor={id}>{t(c)}</label>
            </div>
          );
        })}
      </fieldset>
      <div className={contentError ? 'field field--error' : 'field'}>
        <label htmlFor={contentId}>{t('content')}</label>
        <span className="hint" id={`${contentId}-hint`}>
          {t('contentHint')}
        </span>
        {contentError && (
          <span className="field-error" id={`${contentId}-error`}>
            {contentError}
          </span>
        )}
        <textarea
          id={contentId}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          aria-describedby={`${contentId}-hint${contentError ? ` ${contentId}-error` : ''}`}
          aria-invalid={contentError ? true : undefined}
          className={contentError ? 'input--error' : undefined}
        />
      </div>
      {input('contact.name', t('name'), name, setName, 'text')}
      <p className="hint">{t('contactHint')}</p>
      {input('contact.phone', t('phone'), phone, setPhone, 'tel')}
      {input('contact.email', t('email'), email, setEmail, 'email')}
      {error && error.details.length === 0 && <CommandError error={error} />}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('busy') : t('submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
