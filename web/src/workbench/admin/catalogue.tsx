import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { ApiError } from '../../api/client';
import { CommandError, ErrorSummary, Loader, Page } from '../../components/common';
import { errorsByField, LabelledField, useFieldMessage } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { asApiError } from '../shared/optional';
import {
  type CatalogueVersion,
  createDraft,
  isKind,
  type KindSegment,
  listEntries,
  listVersions,
} from './catalogue-api';
import { StatusTag } from './status-tag';
import './admin.css';

const messages = defineMessages(
  {
    title: '事项目录',
    intro:
      '事项和“一件事”的每个版本。草稿可以修改，提交审核后由管理员退回或发布；已发布的版本不再改变，修改要新建下一版本。',
    kinds: '目录类别',
    matters: '事项',
    bundles: '一件事',
    caption: '{kind}（{n} 项）',
    code: '编码',
    name: '名称',
    latest: '最新版本',
    published: '已发布版本',
    updated: '最近修改',
    versionsOf: '查看 {code} 的全部版本',
    versions: '版本',
    open: '打开 {code} 第 {version} 版',
    noName: '（未命名）',
    none: '—',
    empty: '目录中还没有{kind}。',
    versionsTitle: '{code} 的版本',
    version: '版本',
    status: '状态',
    createdBy: '创建人',
    publishedAt: '发布时间',
    nextVersion: '基于第 {version} 版新建草稿',
    openDraft: '第 {version} 版尚未发布，请先修改或发布它。',
    newTitle: '新建{kind}草稿',
    newIntro: '先填写编码和名称，其余要素在草稿中补充。',
    newCode: '编码',
    newCodeHint: '大写字母、数字、- 和 _，2 至 40 位，例如 FOOD-BUSINESS-LICENCE。',
    newName: '名称（中文）',
    create: '新建草稿',
    codeInvalid: '编码只能包含大写字母、数字、- 和 _，2 至 40 位。',
    nameRequired: '请填写名称。',
    exists: '编码 {code} 已存在，请打开它并新建下一版本。',
  },
  {
    title: 'Catalogue',
    intro:
      'Every version of the matters and 一件事 bundles. A draft can be edited; once submitted for review an administrator returns or publishes it. A published version never changes: start the next version to change it.',
    kinds: 'Kinds',
    matters: 'Matters',
    bundles: 'Bundles',
    caption: '{kind} ({n})',
    code: 'Code',
    name: 'Name',
    latest: 'Latest version',
    published: 'Published version',
    updated: 'Last changed',
    versionsOf: 'All versions of {code}',
    versions: 'Versions',
    open: 'Open {code} version {version}',
    noName: '(no name yet)',
    none: '—',
    empty: 'The catalogue has no {kind} yet.',
    versionsTitle: 'Versions of {code}',
    version: 'Version',
    status: 'Status',
    createdBy: 'Created by',
    publishedAt: 'Published',
    nextVersion: 'New draft from version {version}',
    openDraft: 'Version {version} is not published yet: edit or publish it first.',
    newTitle: 'New {kind} draft',
    newIntro: 'Give the code and the name first; the other elements are filled in on the draft.',
    newCode: 'Code',
    newCodeHint: 'Upper-case letters, digits, - and _, 2 to 40, e.g. FOOD-BUSINESS-LICENCE.',
    newName: 'Name (Chinese)',
    create: 'Create the draft',
    codeInvalid: 'Upper-case letters, digits, - and _ only, 2 to 40.',
    nameRequired: 'Enter the name.',
    exists: '{code} exists already: open it and start its next version.',
  },
);

export default function CataloguePage() {
  const t = useT(messages);
  const format = useFormat();
  const query = new URLSearchParams(useSearch());
  const requested = query.get('kind') ?? undefined;
  const kind: KindSegment = isKind(requested) ? requested : 'matters';
  const code = query.get('code') ?? undefined;
  const entries = useApi(() => listEntries(kind), [kind]);
  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      <nav aria-label={t('kinds')}>
        <ul className="admin-tabs">
          {(['matters', 'bundles'] as const).map((k) => (
            <li key={k}>
              <Link href={`/catalogue?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                {t(k)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Loader loaded={entries}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('empty', { kind: t(kind) })}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="catalogue-caption" tabIndex={0}>
              <table className="admin-wide">
                <caption id="catalogue-caption">{t('caption', { kind: t(kind), n: items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('code')}</th>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('latest')}</th>
                    <th scope="col">{t('published')}</th>
                    <th scope="col">{t('updated')}</th>
                    <th scope="col">{t('versions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e) => (
                    <tr key={e.code}>
                      <td>{e.code}</td>
                      <td>
                        <Link
                          href={`/catalogue/${kind}/${e.code}/${e.latestVersion}`}
                          aria-label={t('open', { code: e.code, version: e.latestVersion })}
                        >
                          {e.name ?? t('noName')}
                        </Link>
                      </td>
                      <td>
                        v{e.latestVersion} <StatusTag status={e.latestStatus} />
                      </td>
                      <td>{e.publishedVersion !== undefined ? `v${e.publishedVersion}` : t('none')}</td>
                      <td>
                        <time dateTime={e.updatedAt}>{format.dateTime(e.updatedAt)}</time>
                      </td>
                      <td>
                        <Link
                          href={`/catalogue?kind=${kind}&code=${e.code}`}
                          aria-current={e.code === code ? 'true' : undefined}
                          aria-label={t('versionsOf', { code: e.code })}
                        >
                          {t('versions')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loader>
      {code && <Versions key={`${kind}:${code}`} kind={kind} code={code} />}
      <NewDraft key={kind} kind={kind} />
    </Page>
  );
}

/** Every version of one entry, and a new draft from the latest when no version is open. */
function Versions({ kind, code }: { kind: KindSegment; code: string }) {
  const t = useT(messages);
  const format = useFormat();
  const [, navigate] = useLocation();
  const versions = useApi(() => listVersions(kind, code), [kind, code]);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const startNext = async (from: CatalogueVersion) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const created = await createDraft(kind, code, from.content);
      navigate(`/catalogue/${kind}/${code}/${created.version}`);
    } catch (error) {
      setFailure(asApiError(error));
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('versionsTitle', { code })}</h2>
      <Loader loaded={versions}>
        {({ items }) => {
          const sorted = [...items].sort((a, b) => b.version - a.version);
          const latest = sorted[0];
          return (
            <>
              <div className="table-scroll" role="region" aria-labelledby="versions-title" tabIndex={0}>
                <table className="admin-wide">
                  <caption className="visually-hidden">{t('versionsTitle', { code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('version')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('createdBy')}</th>
                      <th scope="col">{t('updated')}</th>
                      <th scope="col">{t('publishedAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((v) => (
                      <tr key={v.version}>
                        <td>
                          <Link
                            href={`/catalogue/${kind}/${code}/${v.version}`}
                            aria-label={t('open', { code, version: v.version })}
                          >
                            v{v.version}
                          </Link>
                        </td>
                        <td>
                          <StatusTag status={v.status} />
                        </td>
                        <td>{v.createdBy}</td>
                        <td>
                          <time dateTime={v.updatedAt}>{format.dateTime(v.updatedAt)}</time>
                        </td>
                        <td>
                          {v.publishedAt ? (
                            <time dateTime={v.publishedAt}>{format.dateTime(v.publishedAt)}</time>
                          ) : (
                            t('none')
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <CommandError error={failure} />
              {latest && (latest.status === 'published' || latest.status === 'retired') ? (
                <button type="button" className="button" disabled={busy} onClick={() => void startNext(latest)}>
                  {t('nextVersion', { version: latest.version })}
                </button>
              ) : (
                latest && <p className="muted">{t('openDraft', { version: latest.version })}</p>
              )}
            </>
          );
        }}
      </Loader>
    </section>
  );
}

function NewDraft({ kind }: { kind: KindSegment }) {
  const t = useT(messages);
  const [, navigate] = useLocation();
  const message = useFieldMessage((d) => (d.path === 'code' ? t('codeInvalid') : undefined));
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const errorOf = (path: string) => errors.find((e) => e.path === path)?.message;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const found: { path: string; message: string }[] = [];
    if (!/^[A-Z0-9][A-Z0-9_-]{1,39}$/.test(code.trim())) found.push({ path: 'code', message: t('codeInvalid') });
    if (!name.trim()) found.push({ path: 'content.name', message: t('nameRequired') });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const created = await createDraft(kind, code.trim(), { name: name.trim() });
      navigate(`/catalogue/${kind}/${created.code}/${created.version}`);
    } catch (error) {
      const failed = asApiError(error);
      if (failed.status === 409) setErrors([{ path: 'code', message: t('exists', { code: code.trim() }) }]);
      else {
        const byField = errorsByField(failed, message);
        setErrors(byField);
        if (byField.length === 0) setFailure(failed);
      }
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-draft-title">
      <h2 id="new-draft-title">{t('newTitle', { kind: t(kind) })}</h2>
      <p>{t('newIntro')}</p>
      <ErrorSummary errors={errors} />
      <CommandError error={failure} />
      <div className="grid grid--2">
        <LabelledField path="code" label={t('newCode')} hint={t('newCodeHint')} error={errorOf('code')}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={code}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
            />
          )}
        </LabelledField>
        <LabelledField path="content.name" label={t('newName')} error={errorOf('content.name')}>
          {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
        </LabelledField>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('create')}
      </button>
    </form>
  );
}
