import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, type ApiErrorDetail, api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useMe } from '../auth/session';
import { CommandError, ErrorSummary, fieldId, Loader, Page, RequireSignIn } from '../components/common';
import { errorsByField, LabelledField, useFieldMessage } from '../components/labelled-field';
import { useApi } from '../components/use-api';
import { defineMessages, useFormat, useT } from '../i18n/i18n';

type Contact = components['schemas']['ContactPreferences'];

const messages = defineMessages(
  {
    title: '联系方式与通知设置',
    lead: '消息中心始终会收到全部通知。填写手机号和邮箱并勾选同意后，我们也会通过短信和邮件通知您。',
    phone: '手机号码',
    phoneHint: '11 位中国大陆手机号，选填',
    email: '电子邮箱',
    emailHint: '选填',
    language: '通知语言',
    zh: '中文',
    en: 'English',
    consent: '同意通过以下方式接收通知',
    consentHint: '可随时取消。短信需要手机号码，邮件需要电子邮箱。',
    sms: '短信',
    emailChannel: '电子邮件',
    save: '保存设置',
    saving: '正在保存…',
    saved: '设置已保存。',
    updatedAt: '上次更新：{time}',
    inbox: '返回消息中心',
    notForYou: '只有办事人和代办员可以设置联系方式。',
    'local-phone': '请输入 11 位中国大陆手机号码，以 13 至 19 开头',
    'local-email': '请输入有效的电子邮箱地址，如 name@example.com',
    'local-optIn.sms': '接收短信需要先填写手机号码',
    'local-optIn.email': '接收邮件需要先填写电子邮箱',
  },
  {
    title: 'Contact details and notifications',
    lead: 'Your inbox always receives every message. With a phone number or e-mail address and your consent, we also send them by SMS or e-mail.',
    phone: 'Mobile phone number',
    phoneHint: 'A mainland China mobile number, 11 digits (optional)',
    email: 'E-mail address',
    emailHint: 'Optional',
    language: 'Language of messages',
    zh: '中文',
    en: 'English',
    consent: 'I agree to receive messages by',
    consentHint: 'You can withdraw at any time. SMS needs a phone number, e-mail an e-mail address.',
    sms: 'SMS',
    emailChannel: 'E-mail',
    save: 'Save settings',
    saving: 'Saving…',
    saved: 'Your settings were saved.',
    updatedAt: 'Last updated {time}',
    inbox: 'Back to messages',
    notForYou: 'Only applicants and agents set contact details here.',
    'local-phone': 'Enter a mainland China mobile number: 11 digits starting with 13 to 19',
    'local-email': 'Enter an e-mail address, like name@example.com',
    'local-optIn.sms': 'SMS needs a phone number',
    'local-optIn.email': 'E-mail needs an e-mail address',
  },
);

const LOCAL_PATHS = ['phone', 'email', 'optIn.sms', 'optIn.email'] as const;

export default function ContactSettings() {
  return (
    <RequireSignIn>
      <ContactPage />
    </RequireSignIn>
  );
}

function ContactPage() {
  const t = useT(messages);
  const me = useMe();
  if (me.role !== 'applicant' && me.role !== 'agent')
    return (
      <Page title={t('title')}>
        <p className="notice">{t('notForYou')}</p>
      </Page>
    );
  return <ContactLoaded />;
}

function ContactLoaded() {
  const t = useT(messages);
  const loaded = useApi(() => unwrap(api().GET('/me/contact')), []);
  return (
    <Page title={t('title')}>
      <p className="lead">{t('lead')}</p>
      <Loader loaded={loaded}>{(contact) => <ContactForm initial={contact} />}</Loader>
      <p>
        <Link href="/inbox">{t('inbox')}</Link>
      </p>
    </Page>
  );
}

function ContactForm({ initial }: { initial: Contact }) {
  const t = useT(messages);
  const format = useFormat();
  const fieldMessage = useFieldMessage((d: ApiErrorDetail) => {
    const path = d.path.replace(/^body\./, '');
    return (LOCAL_PATHS as readonly string[]).includes(path)
      ? t(`local-${path as (typeof LOCAL_PATHS)[number]}`)
      : undefined;
  });
  const [phone, setPhone] = useState(initial.phone ?? '');
  const [email, setEmail] = useState(initial.email ?? '');
  const [language, setLanguage] = useState<'zh' | 'en'>(initial.language);
  const [sms, setSms] = useState(initial.optIn.sms);
  const [byEmail, setByEmail] = useState(initial.optIn.email);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const [saved, setSaved] = useState<Contact | undefined>(undefined);
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    setFailure(undefined);
    setSaved(undefined);
    try {
      // Leaving a field empty removes it, as the API reads a missing field.
      const body = {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        language,
        optIn: { sms, email: byEmail },
      };
      setSaved(await unwrap(api().PUT('/me/contact', { body })));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
      const byField = errorsByField(apiError, fieldMessage);
      if (apiError.status >= 400 && apiError.status < 500 && byField.length > 0) setErrors(byField);
      else setFailure(apiError); // what was typed stays for a retry
    } finally {
      setBusy(false);
    }
  };

  const checkbox = (path: 'optIn.sms' | 'optIn.email', label: string, checked: boolean, set: (v: boolean) => void) => {
    const id = fieldId(path);
    const error = errorAt(path);
    return (
      <div className={error ? 'field field--error' : undefined}>
        {error && (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        )}
        <div className="choice">
          <input
            id={id}
            type="checkbox"
            checked={checked}
            onChange={(e) => set(e.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <label htmlFor={id}>{label}</label>
        </div>
      </div>
    );
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} />
      <LabelledField path="phone" label={t('phone')} hint={t('phoneHint')} error={errorAt('phone')}>
        {(props) => (
          <input
            {...props}
            type="tel"
            name="phone"
            autoComplete="tel-national"
            inputMode="numeric"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        )}
      </LabelledField>
      <LabelledField path="email" label={t('email')} hint={t('emailHint')} error={errorAt('email')}>
        {(props) => (
          <input
            {...props}
            type="email"
            name="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </LabelledField>
      <fieldset className={errorAt('language') ? 'field field--error' : 'field'}>
        <legend>{t('language')}</legend>
        {errorAt('language') && <span className="field-error">{errorAt('language')}</span>}
        {(['zh', 'en'] as const).map((code, i) => (
          <div className="choice" key={code}>
            <input
              id={i === 0 ? fieldId('language') : `${fieldId('language')}-${code}`}
              type="radio"
              name="language"
              value={code}
              checked={language === code}
              onChange={() => setLanguage(code)}
            />
            <label
              htmlFor={i === 0 ? fieldId('language') : `${fieldId('language')}-${code}`}
              lang={code === 'zh' ? 'zh-CN' : 'en'}
            >
              {t(code)}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="field" aria-describedby="consent-hint">
        <legend>{t('consent')}</legend>
        <span className="hint" id="consent-hint">
          {t('consentHint')}
        </span>
        {checkbox('optIn.sms', t('sms'), sms, setSms)}
        {checkbox('optIn.email', t('emailChannel'), byEmail, setByEmail)}
      </fieldset>
      <CommandError error={failure} />
      <p role="status" className={saved ? 'notice notice--success' : undefined}>
        {saved ? t('saved') : ''}
      </p>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
      </div>
      {(saved ?? initial).updatedAt && (
        <p className="muted">{t('updatedAt', { time: format.dateTime((saved ?? initial).updatedAt) })}</p>
      )}
    </form>
  );
}
