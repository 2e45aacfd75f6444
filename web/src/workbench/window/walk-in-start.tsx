import { compileForm } from '@shared/domain/catalogue/form-compile';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError, ErrorSummary, fieldId, Loader } from '../../components/common';
import { detailPath } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { prefillAnswers } from '../../form/prefill';
import { defineMessages, useLang, useT } from '../../i18n/i18n';
import { templateOf } from '../../pages/apply/template';
import { shanghaiToday } from '../shared/due-date';
import { type ApplicantType, applicantProblems, identifierState, normaliseIdentifier } from './applicant-check';

type Entry = components['schemas']['EntrySummary'];

const messages = defineMessages(
  {
    title: '新的收件',
    searchLabel: '搜索事项',
    searchHint: '输入事项名称或关键词，例如“食品”“居住证”“开餐馆”。',
    search: '搜索',
    entryLegend: '选择办理的事项',
    noEntries: '没有找到相关事项，请换个关键词。',
    bundle: '一件事',
    forAudience: '服务对象：{audience}',
    citizen: '自然人',
    enterprise: '法人',
    applicantTitle: '申请人身份',
    typeLegend: '申请人类型',
    idNumber: '公民身份号码',
    idNumberHint: '18 位，最后一位是校验码（X 为大写）。',
    uscc: '统一社会信用代码',
    usccHint: '18 位，最后一位是校验码。',
    left: '还需输入 {n} 位',
    checked: '校验码正确',
    nameCitizen: '姓名',
    nameEnterprise: '单位名称',
    nameHint: '与身份证件或营业执照一致。',
    mobile: '手机号码（选填）',
    mobileHint: '11 位手机号，用于接收办理进度短信。',
    register: '登记收件',
    registering: '正在登记…',
    chooseEntry: '请选择办理的事项。',
    'applicant.idNumber.required': '请输入公民身份号码。',
    'applicant.idNumber.length': '公民身份号码应为 18 位。',
    'applicant.idNumber.charset': '公民身份号码只能由数字和末位的 X 组成。',
    'applicant.idNumber.birthDate': '公民身份号码中的出生日期不正确。',
    'applicant.idNumber.checksum': '公民身份号码校验位不正确，请核对证件。',
    'applicant.uscc.required': '请输入统一社会信用代码。',
    'applicant.uscc.length': '统一社会信用代码应为 18 位。',
    'applicant.uscc.charset': '统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V）。',
    'applicant.uscc.birthDate': '统一社会信用代码格式不正确。',
    'applicant.uscc.checksum': '统一社会信用代码校验位不正确，请核对营业执照。',
    'applicant.name.required': '请输入申请人姓名或单位名称。',
    'applicant.name.max': '姓名或名称不能超过 100 字。',
    'applicant.mobile.format': '手机号码应为 11 位数字，以 13 至 19 开头。',
    audience: '此事项不面向该类申请人，请核对申请人类型。',
    failed: '未能登记收件。',
  },
  {
    title: 'New walk-in case',
    searchLabel: 'Search the matters',
    searchHint: 'A name or keyword, e.g. 食品, 居住证, 开餐馆.',
    search: 'Search',
    entryLegend: 'Choose the matter',
    noEntries: 'No matter found; try another keyword.',
    bundle: 'Bundle',
    forAudience: 'For: {audience}',
    citizen: 'citizens',
    enterprise: 'enterprises',
    applicantTitle: 'The applicant',
    typeLegend: 'Applicant type',
    idNumber: 'Resident ID number',
    idNumberHint: '18 characters; the last is a check digit (X in upper case).',
    uscc: 'Unified social credit code',
    usccHint: '18 characters; the last is a check character.',
    left: '{n} more to type',
    checked: 'Check digit correct',
    nameCitizen: 'Name',
    nameEnterprise: 'Name of the enterprise',
    nameHint: 'As on the ID card or business licence.',
    mobile: 'Mobile number (optional)',
    mobileHint: '11 digits, for progress messages by SMS.',
    register: 'Register the case',
    registering: 'Registering…',
    chooseEntry: 'Choose the matter.',
    'applicant.idNumber.required': 'Enter the ID number.',
    'applicant.idNumber.length': 'An ID number has 18 characters.',
    'applicant.idNumber.charset': 'An ID number has digits only, and an X at the end.',
    'applicant.idNumber.birthDate': 'The date of birth in the ID number is not a real date.',
    'applicant.idNumber.checksum': 'The check digit of the ID number is wrong: check the card.',
    'applicant.uscc.required': 'Enter the unified social credit code.',
    'applicant.uscc.length': 'The code has 18 characters.',
    'applicant.uscc.charset': 'The code has digits and capitals only (no I, O, Z, S, V).',
    'applicant.uscc.birthDate': 'The code is not valid.',
    'applicant.uscc.checksum': 'The check character of the code is wrong: check the business licence.',
    'applicant.name.required': 'Enter the applicant’s name.',
    'applicant.name.max': 'The name may be at most 100 characters.',
    'applicant.mobile.format': 'A mobile number has 11 digits and starts with 13 to 19.',
    audience: 'This matter is not for this kind of applicant: check the applicant type.',
    failed: 'The case could not be registered.',
  },
);
type Key = keyof (typeof messages)['zh'];
const isKey = (key: string): key is Key => key in messages.zh;

interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Matters and bundles for a keyword (both lists: 窗口收件 takes either). */
async function searchEntries(q: string): Promise<Entry[]> {
  const query = { limit: 50, ...(q ? { q } : {}) };
  const [matters, bundles] = await Promise.all([
    unwrap(api().GET('/matters', { params: { query } })),
    unwrap(api().GET('/bundles', { params: { query: { ...query, limit: 20 } } })),
  ]);
  return [...matters.items, ...bundles.items];
}

const entryKey = (e: Pick<Entry, 'kind' | 'code'>) => `${e.kind}:${e.code}`;

/**
 * 窗口收件, first step: the matter (searched in the catalogue) and the applicant at the counter, identified by ID number
 * or 统一社会信用代码 checked as typed. Registering creates the draft (POST /window/applications), pre-filled with the
 * applicant's identity where the form asks for it, and opens it for filling in.
 */
export function WalkInStart() {
  const t = useT(messages);
  const { lang } = useLang();
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const entries = useApi(() => searchEntries(query), [query]);
  const [chosen, setChosen] = useState<Entry | undefined>();
  const [type, setType] = useState<ApplicantType>('citizen');
  const [identifier, setIdentifier] = useState('');
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<readonly Problem[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const today = useMemo(shanghaiToday, []);

  const audiences = (chosen?.audience ?? ['citizen', 'enterprise']).filter(
    (a): a is ApplicantType => a === 'citizen' || a === 'enterprise',
  );
  const effectiveType: ApplicantType = audiences.includes(type) ? type : (audiences[0] ?? 'citizen');
  const identifierPath = effectiveType === 'citizen' ? 'applicant.idNumber' : 'applicant.uscc';
  const state = identifierState(effectiveType, identifier, today);

  const local = useMemo(() => {
    const found: Problem[] = [];
    if (!chosen) found.push({ path: 'entry', message: t('chooseEntry') });
    for (const p of applicantProblems({ type: effectiveType, identifier, name, mobile }, today)) {
      const key = `${p.path}.${p.rule}`;
      found.push({ path: p.path, message: isKey(key) ? t(key) : key });
    }
    return found;
  }, [chosen, effectiveType, identifier, name, mobile, today, t]);

  // A problem shows once its field was left (or at the submission); an identifier's as soon as it is decided: a
  // wrong character at once, a wrong check digit at the 18th.
  const shown = (path: string) =>
    submitted || touched.has(path) || (path === identifierPath && state.kind === 'invalid');
  const problems = [
    ...local.filter((p) => shown(p.path)),
    ...serverProblems.filter((s) => !local.some((l) => l.path === s.path)),
  ];
  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;
  const leave = (path: string) => setTouched((s) => new Set(s).add(path));

  const fieldMessage = (d: ApiErrorDetail) => {
    const key = `${detailPath(d)}.${d.rule}`;
    if (isKey(key)) return t(key);
    if (d.rule === 'audience') return t('audience');
    return lang === 'zh' && d.messageZh ? d.messageZh : d.message;
  };

  const register = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerProblems([]);
    setFailure(undefined);
    if (local.length > 0 || !chosen || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const id = normaliseIdentifier(identifier);
      const applicant: { idNumber?: string; uscc?: string; name: string; mobile?: string } = {
        ...(effectiveType === 'citizen' ? { idNumber: id } : { uscc: id }),
        name: name.trim(),
        ...(mobile.trim() ? { mobile: mobile.trim() } : {}),
      };
      // The form starts with the applicant's identity where it asks for it (never the officer's own profile).
      const template = await templateOf(chosen.kind, chosen.code);
      const form = prefillAnswers(
        template.definition,
        {
          profile: {
            name: applicant.name,
            idNumber: applicant.idNumber,
            uscc: applicant.uscc,
            mobile: applicant.mobile,
          },
          licences: [],
        },
        compileForm(template.definition),
      );
      const created = await unwrap(
        api().POST('/window/applications', {
          body: {
            ...(chosen.kind === 'bundle' ? { bundleCode: chosen.code } : { matterCode: chosen.code }),
            applicant,
            form,
          },
        }),
      );
      navigate(`/walk-in?case=${created.id}`);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      const placed = error.details.map((d) => ({
        path: detailPath(d).startsWith('applicant.')
          ? detailPath(d)
          : d.rule === 'audience'
            ? 'applicant.type'
            : detailPath(d),
        message: fieldMessage(d),
      }));
      const onForm = placed.filter((p) => p.path.startsWith('applicant.'));
      setServerProblems(onForm);
      if (onForm.length < placed.length || placed.length === 0) setFailure(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const summary = submitted ? problems : serverProblems;
  return (
    <section aria-labelledby="walk-in-start-title" className="walk-in-start">
      <h2 id="walk-in-start-title">{t('title')}</h2>
      <ErrorSummary errors={summary} />
      <form
        role="search"
        className="walk-in-search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <label htmlFor="walk-in-q" className="label">
          {t('searchLabel')}
        </label>
        <span className="hint" id="walk-in-q-hint">
          {t('searchHint')}
        </span>
        <div className="walk-in-search__row">
          <input
            id="walk-in-q"
            type="search"
            value={text}
            aria-describedby="walk-in-q-hint"
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button button--secondary">
            {t('search')}
          </button>
        </div>
      </form>

      <form noValidate onSubmit={(e) => void register(e)}>
        <Loader loaded={entries}>
          {(list) => (
            <div className={problemAt('entry') ? 'field field--error' : 'field'}>
              <fieldset aria-describedby={problemAt('entry') ? `${fieldId('entry')}-error` : undefined}>
                <legend>{t('entryLegend')}</legend>
                {problemAt('entry') && (
                  <span className="field-error" id={`${fieldId('entry')}-error`}>
                    {problemAt('entry')}
                  </span>
                )}
                {list.length === 0 && <p>{t('noEntries')}</p>}
                <div className="walk-in-entries">
                  {list.map((e, i) => {
                    const id = i === 0 ? fieldId('entry') : `${fieldId('entry')}-${i}`;
                    return (
                      <div className="choice walk-in-entry" key={entryKey(e)}>
                        <input
                          type="radio"
                          id={id}
                          name="entry"
                          checked={chosen !== undefined && entryKey(chosen) === entryKey(e)}
                          onChange={() => setChosen(e)}
                          aria-describedby={`${id}-hint`}
                        />
                        <div>
                          <label htmlFor={id}>
                            {e.kind === 'bundle' && <span className="tag">{t('bundle')}</span>} {e.name}
                          </label>
                          <span className="hint" id={`${id}-hint`}>
                            {[
                              e.departmentName,
                              t('forAudience', {
                                audience: e.audience
                                  .map((a) => (a === 'citizen' || a === 'enterprise' ? t(a) : a))
                                  .join(lang === 'zh' ? '、' : ', '),
                              }),
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                        </div>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            </div>
          )}
        </Loader>

        <h3>{t('applicantTitle')}</h3>
        {audiences.length > 1 && (
          <div className={problemAt('applicant.type') ? 'field field--error' : 'field'}>
            <fieldset>
              <legend>{t('typeLegend')}</legend>
              {problemAt('applicant.type') && <span className="field-error">{problemAt('applicant.type')}</span>}
              {audiences.map((a, i) => (
                <div className="choice" key={a}>
                  <input
                    type="radio"
                    id={i === 0 ? fieldId('applicant.type') : `${fieldId('applicant.type')}-${a}`}
                    name="applicantType"
                    checked={effectiveType === a}
                    onChange={() => setType(a)}
                  />
                  <label htmlFor={i === 0 ? fieldId('applicant.type') : `${fieldId('applicant.type')}-${a}`}>
                    {t(a)}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
        )}
        <TextField
          path={identifierPath}
          label={effectiveType === 'citizen' ? t('idNumber') : t('uscc')}
          hint={effectiveType === 'citizen' ? t('idNumberHint') : t('usccHint')}
          error={problemAt(identifierPath)}
          value={identifier}
          onChange={(v) => setIdentifier(v.toUpperCase())}
          onBlur={() => leave(identifierPath)}
          className="form-input--identifier"
          extra={
            <span
              className={state.kind === 'valid' ? 'identifier-state identifier-state--valid' : 'identifier-state'}
              aria-live="polite"
            >
              {state.kind === 'partial' ? t('left', { n: state.left }) : state.kind === 'valid' ? t('checked') : ''}
            </span>
          }
        />
        <TextField
          path="applicant.name"
          label={effectiveType === 'citizen' ? t('nameCitizen') : t('nameEnterprise')}
          hint={t('nameHint')}
          error={problemAt('applicant.name')}
          value={name}
          onChange={setName}
          onBlur={() => leave('applicant.name')}
        />
        <TextField
          path="applicant.mobile"
          label={t('mobile')}
          hint={t('mobileHint')}
          error={problemAt('applicant.mobile')}
          value={mobile}
          onChange={setMobile}
          onBlur={() => leave('applicant.mobile')}
          type="tel"
          className="form-input--short"
        />
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
            {busy ? t('registering') : t('register')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TextField({
  path,
  label,
  hint,
  error,
  value,
  onChange,
  onBlur,
  type = 'text',
  className,
  extra,
  maxLength,
}: {
  path: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  onBlur: () => void;
  type?: 'text' | 'tel';
  className?: string;
  extra?: ReactNode;
  maxLength?: number;
}) {
  const id = fieldId(path);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <input
        id={id}
        type={type}
        value={value}
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        inputMode={type === 'tel' ? 'numeric' : undefined}
        className={[className, error ? 'input--error' : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {extra}
    </div>
  );
}
