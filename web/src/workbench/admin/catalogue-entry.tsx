import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api, type ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, fieldId, Loader, NotFound, Page, useDetailMessage } from '../../components/common';
import { LabelledField } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { asApiError } from '../shared/optional';
import {
  ACTIONS_BY_STATUS,
  type Action,
  type CatalogueVersion,
  createDraft,
  getVersion,
  isKind,
  type KindSegment,
  listVersions,
  saveDraft,
  transition,
} from './catalogue-api';
import { EntryEditor, knownPaths } from './entry-editor';
import { anchorOf, type EntryKind, fromFormState, type LocalProblem, toFormState } from './entry-form';
import { StatusTag } from './status-tag';
import './admin.css';

const messages = defineMessages(
  {
    title: '{name}（第 {version} 版）',
    back: '返回 {code} 的全部版本',
    facts: '版本信息',
    code: '编码',
    version: '版本',
    status: '状态',
    created: '创建',
    updated: '最近修改',
    submitted: '提交审核',
    published: '发布',
    retired: '停用',
    reviewNote: '审核意见',
    by: '{at}（{who}）',
    readOnlyDraft: '只有草稿可以修改。',
    readOnlyInReview: '审核中的版本不能修改：发现问题请退回修改。',
    readOnlyPublished: '已发布的版本不再改变；要修改请新建下一版本。',
    save: '保存草稿',
    saving: '正在保存…',
    saved: '草稿已保存。',
    submit: '提交审核',
    submitted_: '已提交审核。',
    returnNote: '退回意见（可选）',
    returnNoteHint: '写明要修改什么，提交人会在草稿中看到。',
    return: '退回修改',
    returned: '已退回为草稿。',
    publish: '发布',
    published_: '已发布：新的办件将使用这个版本。',
    nextVersion: '基于此版本新建草稿',
    openDraftExists: '第 {version} 版尚未发布，请先修改或发布它。',
    openLatest: '打开第 {version} 版',
    editErrors: '草稿有 {n} 个问题',
    publishErrors: '发布检查未通过：{n} 个问题',
    publishErrorsIntro: '修改下列问题后才能发布。请先退回修改，在草稿中改正后重新提交。',
    conflict: '这个版本已被他人修改或状态已变，请刷新后重试。',
    reload: '刷新',
    jsonInvalid: 'JSON 格式有误：第 {line} 行第 {column} 列附近。',
    jsonInvalidNoAt: 'JSON 格式有误，请检查括号、引号和逗号。',
    jsonObject: '这里应是一个 JSON 对象（以 { 开头）。',
    integer: '请填写整数。',
    number: '请填写数字。',
    unsavedNote: '有未保存的修改；提交审核时会先保存。',
    chooseOption: '请从列表中选择。',
    compressionIntro: '承诺办结时限不符合本地区的压缩时限要求。确认无误的，请勾选下方确认后再次发布；否则请退回修改。',
    acknowledgeLegend: '压缩时限提示',
    acknowledge: '我已知悉承诺办结时限未达到压缩要求，仍要发布此版本',
    acknowledgeHint: '确认将记录在此版本和审计日志中。',
    acknowledged: '压缩时限提示',
    acknowledgedBy:
      '{who} 于 {at} 确认发布：承诺 {promised} 个工作日，法定 {legal} 个工作日（{percent}%，规则上限 {max}%）',
    publishedAcknowledged: '已发布（已确认压缩时限提示）：新的办件将使用这个版本。',
  },
  {
    title: '{name} (version {version})',
    back: 'Back to the versions of {code}',
    facts: 'Version',
    code: 'Code',
    version: 'Version',
    status: 'Status',
    created: 'Created',
    updated: 'Last changed',
    submitted: 'Submitted',
    published: 'Published',
    retired: 'Retired',
    reviewNote: 'Review note',
    by: '{at} ({who})',
    readOnlyDraft: 'Only a draft can be edited.',
    readOnlyInReview: 'A version in review cannot be edited: return it to draft to fix a problem.',
    readOnlyPublished: 'A published version never changes; start the next version to change it.',
    save: 'Save the draft',
    saving: 'Saving…',
    saved: 'The draft is saved.',
    submit: 'Submit for review',
    submitted_: 'Submitted for review.',
    returnNote: 'Why it is returned (optional)',
    returnNoteHint: 'Say what to change; the author sees it on the draft.',
    return: 'Return to draft',
    returned: 'Returned to draft.',
    publish: 'Publish',
    published_: 'Published: new cases use this version.',
    nextVersion: 'New draft from this version',
    openDraftExists: 'Version {version} is not published yet: edit or publish it first.',
    openLatest: 'Open version {version}',
    editErrors: 'The draft has {n} problem(s)',
    publishErrors: 'The publishing check found {n} problem(s)',
    publishErrorsIntro: 'Fix these before publishing: return the version to draft, correct it and submit it again.',
    conflict: 'Someone changed this version or its status meanwhile: reload and try again.',
    reload: 'Reload',
    jsonInvalid: 'The JSON is malformed near line {line}, column {column}.',
    jsonInvalidNoAt: 'The JSON is malformed: check the brackets, quotes and commas.',
    jsonObject: 'This must be a JSON object (starting with {).',
    integer: 'Enter a whole number.',
    number: 'Enter a number.',
    unsavedNote: 'There are unsaved changes; submitting saves them first.',
    chooseOption: 'Choose one of the options.',
    compressionIntro:
      'The promised limit breaks the region’s compression rule. If it is right, tick the acknowledgement below and publish again; otherwise return the version to draft.',
    acknowledgeLegend: 'Compression warning',
    acknowledge: 'I know the promised limit is not compressed as the rule asks, and publish this version anyway',
    acknowledgeHint: 'The acknowledgement is kept in this version and in the audit log.',
    acknowledged: 'Compression warning',
    acknowledgedBy:
      'Published anyway by {who} at {at}: promised {promised} of {legal} working days ({percent}%, the rule allows {max}%)',
    publishedAcknowledged: 'Published, with the compression warning acknowledged: new cases use this version.',
  },
);

interface Loaded {
  version: CatalogueVersion;
  latest: CatalogueVersion;
  departments: { code: string; name: string }[];
}

export default function CatalogueEntryPage() {
  const params = useParams<{ kind: string; code: string; version: string }>();
  const kind = params.kind;
  const number = Number(params.version);
  if (!isKind(kind) || !Number.isInteger(number) || number < 1 || !/^[A-Z0-9][A-Z0-9_-]{1,39}$/.test(params.code))
    return <NotFound />;
  return <EntryPage key={`${kind}/${params.code}/${number}`} kind={kind} code={params.code} version={number} />;
}

function EntryPage({ kind, code, version }: { kind: KindSegment; code: string; version: number }) {
  const t = useT(messages);
  const [round, setRound] = useState(0);
  const [announcement, setAnnouncement] = useState<string>();
  // The publishing check's problems outlast the reload after "return to draft": that is when they can be fixed.
  const [publishProblems, setPublishProblems] = useState<Problem[]>([]);
  const loaded = useApi<Loaded>(async () => {
    const [v, versions, departments] = await Promise.all([
      getVersion(kind, code, version),
      listVersions(kind, code),
      unwrap(api().GET('/departments')),
    ]);
    const latest = versions.items.reduce((a, b) => (b.version > a.version ? b : a), v);
    return { version: v, latest, departments: departments.items };
  }, [kind, code, version, round]);
  const name =
    loaded.status === 'ready' && typeof loaded.data.version.content.name === 'string'
      ? loaded.data.version.content.name
      : code;
  return (
    <Page title={t('title', { name, version })} wide>
      <p>
        <Link href={`/catalogue?kind=${kind}&code=${code}`}>{t('back', { code })}</Link>
      </p>
      <p role="status" className={announcement ? 'notice notice--success' : 'visually-hidden'}>
        {announcement ?? ''}
      </p>
      <Loader loaded={loaded}>
        {(data) => (
          <Entry
            key={data.version.updatedAt}
            kind={kind}
            data={data}
            publishProblems={publishProblems}
            setPublishProblems={setPublishProblems}
            onChanged={(message) => {
              setAnnouncement(message);
              setRound((r) => r + 1);
            }}
            onReload={() => {
              setAnnouncement(undefined);
              setRound((r) => r + 1);
            }}
          />
        )}
      </Loader>
    </Page>
  );
}

function Facts({ v }: { v: CatalogueVersion }) {
  const t = useT(messages);
  const format = useFormat();
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="summary" aria-label={t('facts')}>
      {row(t('code'), v.code)}
      {row(t('version'), `v${v.version}`)}
      {row(t('status'), <StatusTag status={v.status} />)}
      {row(t('created'), t('by', { at: format.dateTime(v.createdAt), who: v.createdBy }))}
      {row(t('updated'), format.dateTime(v.updatedAt))}
      {v.submittedAt && row(t('submitted'), format.dateTime(v.submittedAt))}
      {v.publishedAt && row(t('published'), t('by', { at: format.dateTime(v.publishedAt), who: v.publishedBy ?? '' }))}
      {v.retiredAt && row(t('retired'), format.dateTime(v.retiredAt))}
      {v.reviewNote && row(t('reviewNote'), v.reviewNote)}
      {v.compressionAcknowledgement &&
        row(
          t('acknowledged'),
          t('acknowledgedBy', {
            who: v.compressionAcknowledgement.by,
            at: format.dateTime(v.compressionAcknowledgement.at),
            promised: v.compressionAcknowledgement.promisedLimitDays,
            legal: v.compressionAcknowledgement.legalLimitDays,
            percent: Math.round((v.compressionAcknowledgement.ratio ?? 0) * 1000) / 10,
            max: v.compressionAcknowledgement.maxPromisedPercent,
          }),
        )}
    </dl>
  );
}

type Problem = { path: string; message: string };

/** The API's rule name for a compression warning the publisher may acknowledge (a refusal is `compression`). */
const COMPRESSION_WARNING = 'compression-warning';
const ACKNOWLEDGE_PATH = 'acknowledgeCompression';

/** Publishes a matter despite the compression warning; the API records who acknowledged it. */
const publishAcknowledged = (kind: KindSegment, code: string, version: number) =>
  kind === 'matters'
    ? unwrap(
        api().POST('/admin/matters/{code}/versions/{version}/{action}', {
          params: { path: { code, version, action: 'publish' } },
          body: { acknowledgeCompression: true },
        }),
      )
    : transition(kind, code, version, 'publish');

function Entry({
  kind,
  data,
  publishProblems,
  setPublishProblems,
  onChanged,
  onReload,
}: {
  kind: KindSegment;
  data: Loaded;
  publishProblems: Problem[];
  setPublishProblems: (problems: Problem[]) => void;
  onChanged: (message: string) => void;
  onReload: () => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const detailMessage = useDetailMessage();
  const [, navigate] = useLocation();
  const v = data.version;
  const entryKind: EntryKind = kind === 'matters' ? 'matter' : 'bundle';
  const editable = v.status === 'draft';
  const actions = ACTIONS_BY_STATUS[v.status];
  const [state, setState] = useState(() => toFormState(entryKind, v.content));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState('');
  // The compression rule's warning (a stage setting): publishing again needs the publisher's acknowledgement.
  const [compressionWarning, setCompressionWarning] = useState<string>();
  const [acknowledged, setAcknowledged] = useState(false);
  const { known, aliases } = useMemo(() => knownPaths(entryKind, state), [entryKind, state]);

  /** An API detail at the field that shows it; when that is a parent (a JSON editor), the rest of the path leads. */
  const located = (detail: ApiErrorDetail): Problem => {
    const path = detail.path.replace(/^body\./, '');
    const anchor = anchorOf(path, known, aliases);
    const rest = path.startsWith(`${anchor}.`)
      ? path.slice(anchor.length + 1)
      : anchor === 'content.other' && path !== anchor
        ? path.replace(/^content\./, '')
        : '';
    // The API words a value outside a list (or a list element left unset) in English after the element's name.
    const message =
      lang === 'zh' && detail.rule === 'invalid_value'
        ? [detail.messageZh?.split('：')[0], t('chooseOption')].filter(Boolean).join('：')
        : detailMessage(detail);
    return { path: anchor, message: rest ? `${rest}${lang === 'zh' ? '：' : ': '}${message}` : message };
  };
  const local = (p: LocalProblem): Problem => ({
    path: p.path,
    message:
      p.rule === 'json'
        ? p.detail
          ? t('jsonInvalid', { line: p.detail.split(':')[0]!, column: p.detail.split(':')[1]! })
          : t('jsonInvalidNoAt')
        : p.rule === 'jsonObject'
          ? t('jsonObject')
          : t(p.rule),
  });
  const errorAt = (path: string) => {
    const found = [...errors, ...publishProblems].filter((e) => e.path === path).map((e) => e.message);
    return found.length > 0 ? [...new Set(found)].join('；') : undefined;
  };

  const fail = (error: unknown) => {
    const failed = asApiError(error);
    if (failed.details.length > 0 && failed.status !== 409) {
      const list = failed.details.map(located);
      if (failed.status === 422) {
        setPublishProblems(list);
        const warning = failed.details.find((d) => d.rule === COMPRESSION_WARNING);
        setCompressionWarning(warning ? detailMessage(warning) : undefined);
      } else setErrors(list);
    } else setFailure(failed);
  };

  /** Saves the draft; true when the API took it. */
  const save = async (): Promise<boolean> => {
    const { content, problems } = fromFormState(entryKind, state);
    setFailure(undefined);
    setPublishProblems([]);
    if (problems.length > 0) {
      setErrors(problems.map(local));
      return false;
    }
    try {
      await saveDraft(kind, v.code, v.version, content);
      setErrors([]);
      setDirty(false);
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  };

  const run = async (action: 'save' | Action) => {
    setBusy(action);
    try {
      if (action === 'save') {
        if (await save()) onChanged(t('saved'));
        return;
      }
      if (action === 'submit' && dirty && !(await save())) return;
      setFailure(undefined);
      setErrors([]);
      if (action !== 'return') setPublishProblems([]);
      const acknowledge = action === 'publish' && compressionWarning !== undefined && acknowledged;
      if (acknowledge) await publishAcknowledged(kind, v.code, v.version);
      else
        await transition(kind, v.code, v.version, action, action === 'return' ? note.trim() || undefined : undefined);
      onChanged(
        t(
          action === 'submit'
            ? 'submitted_'
            : action === 'return'
              ? 'returned'
              : acknowledge
                ? 'publishedAcknowledged'
                : 'published_',
        ),
      );
    } catch (error) {
      fail(error);
    } finally {
      setBusy(undefined);
    }
  };

  const startNext = async () => {
    setBusy('next');
    try {
      const created = await createDraft(kind, v.code, v.content);
      navigate(`/catalogue/${kind}/${v.code}/${created.version}`);
    } catch (error) {
      fail(error);
      setBusy(undefined);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run('save');
  };
  const latestOpen = data.latest.status === 'draft' || data.latest.status === 'in_review';
  // The warning stands next to the promised limit and next to its acknowledgement; the summary leads to the checkbox.
  const showAcknowledge = v.status === 'in_review' && actions.includes('publish') && compressionWarning !== undefined;
  const summaryProblems = showAcknowledge
    ? publishProblems.map((p) => (p.message === compressionWarning ? { ...p, path: ACKNOWLEDGE_PATH } : p))
    : publishProblems;
  const onlyWarning = showAcknowledge && publishProblems.every((p) => p.message === compressionWarning);
  const acknowledgeError = showAcknowledge && !acknowledged ? compressionWarning : undefined;

  return (
    <>
      <Facts v={v} />
      {errors.length > 0 && <ErrorSummary errors={errors} title={t('editErrors', { n: errors.length })} />}
      {publishProblems.length > 0 && (
        <>
          <ErrorSummary errors={summaryProblems} title={t('publishErrors', { n: publishProblems.length })} />
          <p>{onlyWarning ? t('compressionIntro') : t('publishErrorsIntro')}</p>
        </>
      )}
      {failure?.status === 409 ? (
        <div className="notice notice--error" role="alert">
          <p>{t('conflict')}</p>
          <button type="button" className="button button--secondary" onClick={onReload}>
            {t('reload')}
          </button>
        </div>
      ) : (
        <CommandError error={failure} />
      )}
      <p className="muted">
        {editable
          ? dirty
            ? t('unsavedNote')
            : ''
          : t(v.status === 'in_review' ? 'readOnlyInReview' : 'readOnlyPublished')}
      </p>
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label={t('title', { name: String(v.content.name ?? v.code), version: v.version })}
      >
        <fieldset disabled={!editable} className="admin-plain">
          <EntryEditor
            kind={entryKind}
            state={state}
            onChange={(change) => {
              setState(change);
              setDirty(true);
            }}
            errorAt={errorAt}
            departments={data.departments}
            lang={lang}
          />
        </fieldset>
        {editable && (
          <div className="actions admin-actions no-print">
            <button type="submit" className="button button--secondary" disabled={busy !== undefined}>
              {busy === 'save' ? t('saving') : t('save')}
            </button>
            {actions.includes('submit') && (
              <button type="button" className="button" disabled={busy !== undefined} onClick={() => void run('submit')}>
                {t('submit')}
              </button>
            )}
          </div>
        )}
      </form>
      {v.status === 'in_review' && (
        <div className="card no-print">
          {actions.includes('return') && (
            <LabelledField path="note" label={t('returnNote')} hint={t('returnNoteHint')}>
              {(p) => (
                <textarea {...p} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
              )}
            </LabelledField>
          )}
          {showAcknowledge && (
            <div className={acknowledgeError ? 'field field--error' : 'field'}>
              <fieldset
                aria-describedby={[
                  `${fieldId(ACKNOWLEDGE_PATH)}-hint`,
                  acknowledgeError ? `${fieldId(ACKNOWLEDGE_PATH)}-error` : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
              >
                <legend>{t('acknowledgeLegend')}</legend>
                <span className="hint" id={`${fieldId(ACKNOWLEDGE_PATH)}-hint`}>
                  {t('acknowledgeHint')}
                </span>
                {acknowledgeError && (
                  <span className="field-error" id={`${fieldId(ACKNOWLEDGE_PATH)}-error`}>
                    {acknowledgeError}
                  </span>
                )}
                <div className="choice">
                  <input
                    type="checkbox"
                    id={fieldId(ACKNOWLEDGE_PATH)}
                    checked={acknowledged}
                    aria-invalid={acknowledgeError ? true : undefined}
                    onChange={(e) => setAcknowledged(e.target.checked)}
                  />
                  <label htmlFor={fieldId(ACKNOWLEDGE_PATH)}>{t('acknowledge')}</label>
                </div>
              </fieldset>
            </div>
          )}
          <div className="actions admin-actions">
            {actions.includes('return') && (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy !== undefined}
                onClick={() => void run('return')}
              >
                {t('return')}
              </button>
            )}
            {actions.includes('publish') && (
              <button
                type="button"
                className="button"
                disabled={busy !== undefined}
                onClick={() => void run('publish')}
              >
                {t('publish')}
              </button>
            )}
          </div>
        </div>
      )}
      {(v.status === 'published' || v.status === 'retired') &&
        (latestOpen ? (
          <p>
            {t('openDraftExists', { version: data.latest.version })}{' '}
            <Link href={`/catalogue/${kind}/${v.code}/${data.latest.version}`}>
              {t('openLatest', { version: data.latest.version })}
            </Link>
          </p>
        ) : (
          v.version === data.latest.version && (
            <button type="button" className="button" disabled={busy !== undefined} onClick={() => void startNext()}>
              {t('nextVersion')}
            </button>
          )
        ))}
    </>
  );
}
