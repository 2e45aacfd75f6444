import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, Loader, Page } from '../../components/common';
import { errorsByField, LabelledField, useFieldMessage } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { maskEmail, maskPhone } from '../shared/mask';
import { asApiError, orMissing } from '../shared/optional';
import './admin.css';

const messages = defineMessages(
  {
    title: '部门',
    intro: '办理事项的部门，以及各部门负责人的联系方式（办件逾期或升级时，平台通过短信和邮件通知负责人）。',
    list: '部门列表',
    code: '代码',
    name: '名称',
    nameEn: '英文名称',
    region: '行政区划代码',
    mode: '对接方式',
    modeWhere: '部门如何接收任务（统一待办、Webhook 推送或前置交换目录）在部门对接中设置：',
    modeLink: '前往部门对接',
    hotline: '咨询电话',
    edit: '编辑 {name}',
    add: '新增部门',
    todo: '统一待办',
    webhook: 'Webhook 推送',
    exchange: '前置交换目录',
    editTitle: '{name}',
    newTitle: '新增部门',
    codeHint: '大写字母、数字和下划线，2 至 16 位，保存后不能修改。',
    regionHint: '六位行政区划代码，例如 350100。',
    hotlineHint: '公开的咨询电话，显示在办事指南中。',
    save: '保存部门',
    saved: '部门已保存。',
    contactTitle: '负责人联系方式',
    contactIntro: '用于逾期和升级提醒，只有管理员可以查看。',
    contactNone: '尚未登记负责人联系方式。',
    phone: '手机号码',
    email: '电子邮箱',
    language: '通知语言',
    zh: '中文',
    en: '英文',
    changeContact: '修改联系方式',
    saveContact: '保存联系方式',
    cancel: '取消',
    contactSaved: '联系方式已保存。',
    contactUpdated: '最近修改：{at}',
    required: '请填写{what}。',
    codeInvalid: '代码只能包含大写字母、数字和下划线，2 至 16 位，以字母开头。',
    codeTaken: '代码 {code} 已是{name}的代码；要修改该部门，请在列表中打开它。',
    regionInvalid: '请填写六位数字的行政区划代码。',
    phoneInvalid: '请填写 11 位大陆手机号码（以 13 至 19 开头）。',
    emailInvalid: '请填写有效的电子邮箱地址。',
  },
  {
    title: 'Departments',
    intro:
      'The departments that handle matters, and each head’s contact (the platform sends them SMS and e-mail when work is overdue or escalated).',
    list: 'Departments',
    code: 'Code',
    name: 'Name',
    nameEn: 'English name',
    region: 'Region code',
    mode: 'Integration',
    modeWhere:
      'How a department receives its tasks (the to-do list, webhooks or an exchange folder) is set under integrations:',
    modeLink: 'go to integrations',
    hotline: 'Public phone',
    edit: 'Edit {name}',
    add: 'Add a department',
    todo: 'Unified to-do',
    webhook: 'Webhook',
    exchange: 'Exchange folder',
    editTitle: '{name}',
    newTitle: 'New department',
    codeHint: 'Upper-case letters, digits and _, 2 to 16; it cannot change once saved.',
    regionHint: 'A six-digit administrative division code, e.g. 350100.',
    hotlineHint: 'The public enquiry number shown in guides.',
    save: 'Save the department',
    saved: 'The department is saved.',
    contactTitle: 'Head’s contact',
    contactIntro: 'For overdue and escalation alerts; only administrators see it.',
    contactNone: 'No contact is registered for the head.',
    phone: 'Mobile number',
    email: 'E-mail',
    language: 'Language of messages',
    zh: 'Chinese',
    en: 'English',
    changeContact: 'Change the contact',
    saveContact: 'Save the contact',
    cancel: 'Cancel',
    contactSaved: 'The contact is saved.',
    contactUpdated: 'Last changed: {at}',
    required: 'Enter the {what}.',
    codeInvalid: 'Upper-case letters, digits and _, 2 to 16, starting with a letter.',
    codeTaken: '{code} is the code of {name} already: open it in the list to change it.',
    regionInvalid: 'Enter a six-digit region code.',
    phoneInvalid: 'Enter an 11-digit mainland mobile number (starting 13 to 19).',
    emailInvalid: 'Enter a valid e-mail address.',
  },
);

interface Dept {
  code: string;
  name: string;
  nameEn?: string;
  regionCode: string;
  integration: { mode: 'todo' | 'webhook' | 'exchange' };
  phone?: string;
}
interface Contact {
  department: string;
  phone?: string;
  email?: string;
  language: 'zh' | 'en';
  updatedAt?: string;
}

export default function DepartmentsPage() {
  const t = useT(messages);
  const selected = new URLSearchParams(useSearch()).get('dept') ?? undefined;
  const [round, setRound] = useState(0);
  // The department just saved: its confirmation outlives the new department's form, which is replaced by its own.
  const [saved, setSaved] = useState<string>();
  const departments = useApi(() => unwrap(api().GET('/departments')) as Promise<{ items: Dept[] }>, [round]);
  const onSaved = (code: string | undefined) => {
    setSaved(code);
    if (code) setRound((r) => r + 1);
  };
  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      <Loader loaded={departments}>
        {({ items }) => {
          const department = items.find((d) => d.code === selected);
          return (
            <>
              <div className="table-scroll" role="region" aria-labelledby="departments-caption" tabIndex={0}>
                <table className="admin-wide">
                  <caption id="departments-caption">{t('list')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('code')}</th>
                      <th scope="col">{t('name')}</th>
                      <th scope="col">{t('region')}</th>
                      <th scope="col">{t('hotline')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.code}>
                        <td>{d.code}</td>
                        <td>
                          <Link
                            href={`/departments?dept=${d.code}`}
                            aria-label={t('edit', { name: d.name })}
                            aria-current={d.code === selected ? 'true' : undefined}
                          >
                            {d.name}
                          </Link>
                        </td>
                        <td>{d.regionCode}</td>
                        <td>{d.phone ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                <Link href="/departments?dept=new" className="button button--secondary">
                  {t('add')}
                </Link>
              </p>
              <p role="status" className={saved && saved === selected ? 'notice notice--success' : 'visually-hidden'}>
                {saved && saved === selected ? t('saved') : ''}
              </p>
              {selected === 'new' && <DepartmentForm key="new" existing={items} onSaved={onSaved} />}
              {department && (
                <section className="card" aria-labelledby="department-title" key={department.code}>
                  <h2 id="department-title">{t('editTitle', { name: department.name })}</h2>
                  <DepartmentForm department={department} existing={items} onSaved={onSaved} />
                  <ContactSection code={department.code} />
                </section>
              )}
            </>
          );
        }}
      </Loader>
    </Page>
  );
}

/** `onSaved(undefined)` as a save starts, `onSaved(code)` once it is saved. */
function DepartmentForm({
  department,
  existing,
  onSaved,
}: {
  department?: Dept;
  existing: readonly Dept[];
  onSaved: (code: string | undefined) => void;
}) {
  const t = useT(messages);
  const [, navigate] = useLocation();
  const message = useFieldMessage((d) =>
    d.path.endsWith('regionCode') ? t('regionInvalid') : d.path.endsWith('code') ? t('codeInvalid') : undefined,
  );
  const [value, setValue] = useState({
    code: department?.code ?? '',
    name: department?.name ?? '',
    nameEn: department?.nameEn ?? '',
    regionCode: department?.regionCode ?? '',
    mode: department?.integration.mode ?? 'todo',
    phone: department?.phone ?? '',
  });
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const errorOf = (path: string) => errors.find((e) => e.path === path)?.message;
  const set = (key: keyof typeof value) => (e: { target: { value: string } }) =>
    setValue((v) => ({ ...v, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onSaved(undefined);
    setFailure(undefined);
    const found: { path: string; message: string }[] = [];
    // The API creates or changes: a new department under a code in use would replace that department.
    const taken = department ? undefined : existing.find((d) => d.code === value.code);
    if (!/^[A-Z][A-Z0-9_]{1,15}$/.test(value.code)) found.push({ path: 'code', message: t('codeInvalid') });
    else if (taken) found.push({ path: 'code', message: t('codeTaken', { code: taken.code, name: taken.name }) });
    if (!value.name.trim()) found.push({ path: 'name', message: t('required', { what: t('name') }) });
    if (!/^\d{6}$/.test(value.regionCode)) found.push({ path: 'regionCode', message: t('regionInvalid') });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const body = {
        code: value.code,
        name: value.name.trim(),
        ...(value.nameEn.trim() ? { nameEn: value.nameEn.trim() } : {}),
        regionCode: value.regionCode,
        integration: { mode: value.mode },
        ...(value.phone.trim() ? { phone: value.phone.trim() } : {}),
      };
      await unwrap(api().PUT('/admin/departments/{code}', { params: { path: { code: value.code } }, body }));
      onSaved(value.code);
      if (!department) navigate(`/departments?dept=${value.code}`);
    } catch (error) {
      const failed = asApiError(error);
      const byField = errorsByField(failed, message).map((e) => ({
        ...e,
        path: e.path === 'integration.mode' ? 'mode' : e.path === 'phone' ? 'hotline' : e.path,
      }));
      setErrors(byField);
      if (byField.length === 0) setFailure(failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className={department ? undefined : 'card'}
      aria-label={department ? undefined : t('newTitle')}
    >
      {!department && <h2>{t('newTitle')}</h2>}
      <ErrorSummary errors={errors} />
      <CommandError error={failure} />
      <div className="grid grid--2">
        <LabelledField path="code" label={t('code')} hint={t('codeHint')} error={errorOf('code')}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={value.code}
              readOnly={Boolean(department)}
              autoComplete="off"
              spellCheck={false}
              onChange={set('code')}
            />
          )}
        </LabelledField>
        <LabelledField path="regionCode" label={t('region')} hint={t('regionHint')} error={errorOf('regionCode')}>
          {(props) => (
            <input {...props} type="text" inputMode="numeric" value={value.regionCode} onChange={set('regionCode')} />
          )}
        </LabelledField>
        <LabelledField path="name" label={t('name')} error={errorOf('name')}>
          {(props) => <input {...props} type="text" value={value.name} onChange={set('name')} />}
        </LabelledField>
        <LabelledField path="nameEn" label={t('nameEn')} error={errorOf('nameEn')}>
          {(props) => <input {...props} type="text" lang="en" value={value.nameEn} onChange={set('nameEn')} />}
        </LabelledField>
        {/* How a department receives its tasks is the integration's setting (it routes them); the department record's
            own mode is kept as it is, so that one place decides. */}
        <p className="hint">
          {t('modeWhere')} <Link href="/integrations">{t('modeLink')}</Link>
        </p>
        <LabelledField path="hotline" label={t('hotline')} hint={t('hotlineHint')} error={errorOf('hotline')}>
          {(props) => <input {...props} type="text" inputMode="tel" value={value.phone} onChange={set('phone')} />}
        </LabelledField>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('save')}
      </button>
    </form>
  );
}

/** The head's contact: masked until the administrator chooses to change it (phones never go into an address). */
function ContactSection({ code }: { code: string }) {
  const t = useT(messages);
  const format = useFormat();
  const [round, setRound] = useState(0);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const contact = useApi(
    () =>
      orMissing(
        unwrap(api().GET('/admin/departments/{code}/contact', { params: { path: { code } } })) as Promise<Contact>,
      ),
    [code, round],
  );
  return (
    <section aria-labelledby="contact-title" className="panel">
      <h3 id="contact-title">{t('contactTitle')}</h3>
      <p className="muted">{t('contactIntro')}</p>
      <Loader loaded={contact}>
        {(c) => (
          <>
            {c && (c.phone || c.email) ? (
              <dl className="summary">
                <div>
                  <dt>{t('phone')}</dt>
                  <dd>{c.phone ? maskPhone(c.phone) : '—'}</dd>
                </div>
                <div>
                  <dt>{t('email')}</dt>
                  <dd>{c.email ? maskEmail(c.email) : '—'}</dd>
                </div>
                <div>
                  <dt>{t('language')}</dt>
                  <dd>{t(c.language)}</dd>
                </div>
                {c.updatedAt && (
                  <div>
                    <dt className="visually-hidden">{t('contactUpdated', { at: '' })}</dt>
                    <dd className="muted">{t('contactUpdated', { at: format.dateTime(c.updatedAt) })}</dd>
                  </div>
                )}
              </dl>
            ) : (
              <p>{t('contactNone')}</p>
            )}
            {editing ? (
              <ContactForm
                code={code}
                contact={c}
                onCancel={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  setSaved(true);
                  setRound((r) => r + 1);
                }}
              />
            ) : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('changeContact')}
              </button>
            )}
          </>
        )}
      </Loader>
      <p role="status" className={saved ? 'notice notice--success' : 'visually-hidden'}>
        {saved ? t('contactSaved') : ''}
      </p>
    </section>
  );
}

function ContactForm({
  code,
  contact,
  onSaved,
  onCancel,
}: {
  code: string;
  contact: Contact | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT(messages);
  const message = useFieldMessage((d) =>
    d.path.endsWith('phone') ? t('phoneInvalid') : d.path.endsWith('email') ? t('emailInvalid') : undefined,
  );
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [language, setLanguage] = useState<'zh' | 'en'>(contact?.language ?? 'zh');
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const errorOf = (path: string) => errors.find((e) => e.path === path)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const found: { path: string; message: string }[] = [];
    if (phone.trim() && !/^1[3-9]\d{9}$/.test(phone.trim())) found.push({ path: 'phone', message: t('phoneInvalid') });
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      found.push({ path: 'email', message: t('emailInvalid') });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const body = {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        language,
      };
      await unwrap(api().PUT('/admin/departments/{code}/contact', { params: { path: { code } }, body }));
      onSaved();
    } catch (error) {
      const failed = asApiError(error);
      const byField = errorsByField(failed, message);
      setErrors(byField);
      if (byField.length === 0) setFailure(failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <CommandError error={failure} />
      <LabelledField path="phone" label={t('phone')} error={errorOf('phone')}>
        {(props) => (
          <input
            {...props}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        )}
      </LabelledField>
      <LabelledField path="email" label={t('email')} error={errorOf('email')}>
        {(props) => (
          <input
            {...props}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </LabelledField>
      <LabelledField path="language" label={t('language')}>
        {(props) => (
          <select {...props} value={language} onChange={(e) => setLanguage(e.target.value as 'zh' | 'en')}>
            <option value="zh">{t('zh')}</option>
            <option value="en">{t('en')}</option>
          </select>
        )}
      </LabelledField>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('saveContact')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
