import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { ApiError, api, unwrap } from '../api/client';
import { CommandError, ErrorSummary, LoadError, Loading, Page } from '../components/common';
import { errorsByField, LabelledField, useFieldMessage } from '../components/labelled-field';
import { useApi } from '../components/use-api';
import { defineMessages, useT } from '../i18n/i18n';
import { type Verification, VerificationResult } from './licences/verification-result';

const messages = defineMessages(
  {
    title: '证照核验',
    lead: '核验他人出示的电子证照是否真实、是否有效。无需登录。',
    numberFor: '证照编号：{no}',
    byNumber: '按证照编号核验',
    licenceNo: '证照编号',
    licenceNoHint: '证照上或核验二维码链接中的编号，如营业执照的统一社会信用代码',
    check: '核验',
    checkAnother: '核验其他证照',
    byCredential: '粘贴电子证照凭证核验',
    credential: '电子证照凭证',
    credentialHint: '持证人在“我的证照”中复制的凭证（以 eyJ 开头的一长串字符）',
    checkCredential: '核验凭证',
    checking: '正在核验…',
    numberRequired: '请输入证照编号',
    numberLength: '证照编号应为 4 到 64 个字符',
    credentialRequired: '请粘贴电子证照凭证',
    credentialLength: '凭证应为 20 到 20000 个字符，请检查是否复制完整',
    badNumber: '“{no}”不是有效的证照编号格式。',
  },
  {
    title: 'Verify a licence',
    lead: 'Check whether an e-licence someone shows you is genuine and valid. No sign-in needed.',
    numberFor: 'Licence number: {no}',
    byNumber: 'Verify by licence number',
    licenceNo: 'Licence number',
    licenceNoHint:
      'The number on the licence or in its verification QR code’s link, e.g. a business licence’s unified social credit code',
    check: 'Verify',
    checkAnother: 'Verify another licence',
    byCredential: 'Verify a pasted e-licence credential',
    credential: 'E-licence credential',
    credentialHint: 'The credential the holder copied from “My licences” (a long string starting with eyJ)',
    checkCredential: 'Verify the credential',
    checking: 'Verifying…',
    numberRequired: 'Enter the licence number',
    numberLength: 'A licence number has 4 to 64 characters',
    credentialRequired: 'Paste the e-licence credential',
    credentialLength: 'A credential has 20 to 20,000 characters: check that it was copied in full',
    badNumber: '“{no}” is not a licence number.',
  },
);

/** Public verification (no sign-in): `/verify/<licenceNo>` (where a licence's QR code leads) and `/verify` with two forms. */
export default function Verify() {
  const t = useT(messages);
  const { licenceNo } = useParams<{ licenceNo?: string }>();
  return (
    <Page title={t('title')}>
      {licenceNo ? <ByNumberResult licenceNo={licenceNo} /> : <p className="lead">{t('lead')}</p>}
      <NumberForm heading={licenceNo ? t('checkAnother') : t('byNumber')} />
      <CredentialForm />
    </Page>
  );
}

function ByNumberResult({ licenceNo }: { licenceNo: string }) {
  const t = useT(messages);
  const loaded = useApi(
    () => unwrap(api().GET('/verify/{licenceNo}', { params: { path: { licenceNo } } })),
    [licenceNo],
  );
  return (
    <>
      <p className="lead">{t('numberFor', { no: licenceNo })}</p>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'error' &&
        (loaded.error.status === 400 ? (
          <p className="notice notice--error" role="alert">
            {t('badNumber', { no: licenceNo })}
          </p>
        ) : (
          <LoadError error={loaded.error} onRetry={loaded.reload} />
        ))}
      {loaded.status === 'ready' && <VerificationResult result={loaded.data} byNumber />}
    </>
  );
}

function NumberForm({ heading }: { heading: string }) {
  const t = useT(messages);
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const no = value.trim();
    const problem = no === '' ? t('numberRequired') : no.length < 4 || no.length > 64 ? t('numberLength') : undefined;
    setErrors(problem ? [{ path: 'licenceNo', message: problem }] : []);
    if (!problem) navigate(`/verify/${encodeURIComponent(no)}`);
  };
  return (
    <section aria-labelledby="by-number">
      <h2 id="by-number">{heading}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <LabelledField path="licenceNo" label={t('licenceNo')} hint={t('licenceNoHint')} error={errors[0]?.message}>
          {(props) => (
            <input
              {...props}
              type="text"
              name="licenceNo"
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </LabelledField>
        <button type="submit" className="button">
          {t('check')}
        </button>
      </form>
    </section>
  );
}

function CredentialForm() {
  const t = useT(messages);
  const fieldMessage = useFieldMessage((d) => (d.path === 'credential' ? t('credentialLength') : undefined));
  const [credential, setCredential] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const [result, setResult] = useState<Verification | undefined>(undefined);
  const resultBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultBox.current?.focus();
  }, [result]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = credential.trim();
    const problem =
      text === ''
        ? t('credentialRequired')
        : text.length < 20 || text.length > 20_000
          ? t('credentialLength')
          : undefined;
    setErrors(problem ? [{ path: 'credential', message: problem }] : []);
    setFailure(undefined);
    setResult(undefined);
    if (problem) return;
    setBusy(true);
    try {
      setResult(await unwrap(api().POST('/verify', { body: { credential: text } })));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
      const byField = errorsByField(apiError, fieldMessage);
      if (apiError.status === 400 && byField.length > 0) setErrors(byField);
      else setFailure(apiError); // the pasted text stays for a retry
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="by-credential">
      <h2 id="by-credential">{t('byCredential')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} />
        <LabelledField path="credential" label={t('credential')} hint={t('credentialHint')} error={errors[0]?.message}>
          {(props) => (
            <textarea
              {...props}
              name="credential"
              rows={6}
              spellCheck={false}
              value={credential}
              onChange={(e) => setCredential(e.target.value)}
            />
          )}
        </LabelledField>
        <CommandError error={failure} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('checking') : t('checkCredential')}
        </button>
      </form>
      <div ref={resultBox} tabIndex={-1} className="verify__result">
        {result && <VerificationResult result={result} level={3} />}
      </div>
    </section>
  );
}
