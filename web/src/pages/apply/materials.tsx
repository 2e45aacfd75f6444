import type { Material } from '@shared/domain/catalogue/model';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { fieldId, ProgressBar } from '../../components/common';
import { FieldErrors } from '../../form/form-fields';
import type { FieldProblem } from '../../form/use-form';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { LicencePicker } from './licence-picker';
import type { CaseView, Licence } from './template';
import { usableLicences } from './template';
import { acceptFor, type UploadPhase, uploadFile } from './upload';

const messages = defineMessages(
  {
    required: '必需',
    optional: '选填',
    tolerable: '可容缺',
    tolerableHint: '可容缺受理：暂缺时也可提交，须在审批决定前补交。',
    replaceable: '可免证',
    formats: '格式：{types}；每个文件不超过 {mb} MB；最多 {n} 个文件。',
    copy: '提交复印件（扫描件）。',
    original: '须提交原件。',
    files: '已上传的文件',
    licence: '已使用电子证照：{type} {no}',
    upload: '上传{name}',
    uploadAnother: '为{name}再上传一个文件',
    full: '已达到文件数量上限（{n} 个）。',
    hashing: '正在计算文件校验值…',
    uploading: '正在上传 {file}',
    checking: '正在检查文件…',
    progress: '{file} 上传进度',
    uploaded: '{file} 已上传',
    missing: '尚未提交',
    provided: '已提交',
    noLicence: '您的证照夹中没有可用的{type}，请上传文件。',
    wrongType: '{file}：此材料只接受 {types} 格式的文件。',
    contentLies: '{file}：文件内容与其格式不符（例如其他文件改名为 .pdf），请上传真实的 {types} 文件。',
    tooLarge: '{file}：文件超过 {mb} MB。',
    tooMany: '此材料最多 {n} 个文件。',
    damaged: '{file}：文件在上传中损坏（校验值不符），请重试。',
    sizeDiffers: '{file}：上传的文件大小与声明不符，请重试。',
    refusedByStore: '{file}：存储服务拒绝了上传（{status}），请重试。',
    network: '{file}：网络连接失败，请重试。',
    closed: '此办件当前不能补充材料。',
    other: '{file}：{reason}',
    correction: '需补正：{message}',
    committed: '已承诺',
    committedText: '已以告知承诺代替，无需上传。',
    committedLink: '查看或撤回承诺',
  },
  {
    required: 'required',
    optional: 'optional',
    tolerable: 'may follow',
    tolerableHint: 'Tolerated when missing (容缺): you may submit without it and hand it in before the decision.',
    replaceable: 'e-licence accepted',
    formats: 'Formats: {types}; up to {mb} MB per file; at most {n} files.',
    copy: 'A copy (scan) is enough.',
    original: 'The original is required.',
    files: 'Uploaded files',
    licence: 'Using e-licence: {type} {no}',
    upload: 'Upload {name}',
    uploadAnother: 'Upload another file for {name}',
    full: 'The most files this material takes ({n}) are uploaded.',
    hashing: 'Computing the file’s checksum…',
    uploading: 'Uploading {file}',
    checking: 'Checking the file…',
    progress: 'Upload progress of {file}',
    uploaded: '{file} uploaded',
    missing: 'not yet provided',
    provided: 'provided',
    noLicence: 'You hold no valid {type}; please upload a file.',
    wrongType: '{file}: this material takes {types} files only.',
    contentLies:
      '{file}: the content is not what its type says (another file renamed .pdf, for example). Please upload a real {types} file.',
    tooLarge: '{file}: the file is larger than {mb} MB.',
    tooMany: 'This material takes at most {n} files.',
    damaged: '{file}: the file was damaged on its way (checksum differs). Please try again.',
    sizeDiffers: '{file}: the file that arrived has another size than declared. Please try again.',
    refusedByStore: '{file}: the store refused the upload ({status}). Please try again.',
    network: '{file}: no connection. Please try again.',
    closed: 'Materials cannot be added to this case now.',
    other: '{file}: {reason}',
    correction: 'To correct: {message}',
    committed: 'committed',
    committedText: 'Replaced by your written commitment (告知承诺): no upload needed.',
    committedLink: 'See or withdraw the commitment',
  },
);

/** Whether the case has this material: files, or a licence in its place. */
export const provided = (c: CaseView, code: string) =>
  (c.materials[code]?.files.length ?? 0) > 0 || Boolean(c.materials[code]?.licenceNo);

/** Whether the applicant's written commitment (告知承诺) replaces this material. */
export const committed = (c: CaseView, code: string) => c.commitment?.materials.includes(code) ?? false;

/** Whether the material counts as handed in: provided, or replaced by the commitment (as the submit check counts it). */
export const handedIn = (c: CaseView, code: string) => provided(c, code) || committed(c, code);

/** The id of the commitment panel on the materials step (the rows and the review link to it). */
export const COMMITMENT_PATH = 'commitment';

/**
 * The materials of a matter or bundle, a row each: required, optional or tolerable (容缺); what is there (files,
 * or an e-licence in place of a copy); an upload with progress; 免证 from the applicant's own wallet; and each
 * file's problems on its own row.
 */
export function Materials({
  caseView,
  materials,
  wallet,
  typeNames,
  onCase,
  problemsAt,
}: {
  caseView: CaseView;
  materials: readonly Material[];
  /** The applicant's licences; undefined for an agent (no wallet of theirs to reuse). */
  wallet: readonly Licence[] | undefined;
  typeNames: ReadonlyMap<string, { name: string; nameEn?: string }>;
  onCase: (updated: CaseView) => void;
  problemsAt: (path: string) => readonly FieldProblem[];
}) {
  return (
    <ul className="list-plain materials">
      {materials.map((m) => (
        <MaterialRow
          key={m.code}
          caseView={caseView}
          material={m}
          wallet={wallet}
          typeNames={typeNames}
          onCase={onCase}
          problems={problemsAt(`materials.${m.code}`)}
        />
      ))}
    </ul>
  );
}

interface Uploading {
  readonly file: string;
  readonly phase: UploadPhase;
  readonly percent: number;
}

function MaterialRow({
  caseView,
  material: m,
  wallet,
  typeNames,
  onCase,
  problems,
}: {
  caseView: CaseView;
  material: Material;
  wallet: readonly Licence[] | undefined;
  typeNames: ReadonlyMap<string, { name: string; nameEn?: string }>;
  onCase: (updated: CaseView) => void;
  problems: readonly FieldProblem[];
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const format = useFormat();
  const [uploading, setUploading] = useState<Uploading | undefined>();
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const id = fieldId(`materials.${m.code}`);
  const record = caseView.materials[m.code];
  const files = record?.files ?? [];
  const full = files.length >= m.maxCount;
  const typeName = m.replaceableBy
    ? ((lang === 'en'
        ? (typeNames.get(m.replaceableBy)?.nameEn ?? typeNames.get(m.replaceableBy)?.name)
        : typeNames.get(m.replaceableBy)?.name) ?? m.replaceableBy)
    : undefined;
  const usable = usableLicences(wallet ?? [], m.replaceableBy);
  const corrections = (caseView.corrections ?? []).filter((c) => c.target === 'material' && c.code === m.code);
  const has = files.length > 0 || Boolean(record?.licenceNo);
  const byCommitment = committed(caseView, m.code);

  const types = m.fileTypes.map((type) => type.toUpperCase()).join(lang === 'zh' ? '、' : ', ');
  const describe = (error: unknown, file: string): string => {
    const e = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
    if (e.network) return t('network', { file });
    if (e.code === 'UploadRefused') return t('refusedByStore', { file, status: e.status });
    const detail = e.details[0];
    if (detail?.rule === 'fileType')
      return detail.path === 'file' ? t('contentLies', { file, types }) : t('wrongType', { file, types });
    if (detail?.rule === 'max' || e.status === 413)
      return detail?.path === 'file' ? t('sizeDiffers', { file }) : t('tooLarge', { file, mb: m.maxSizeMb });
    if (detail?.rule === 'maxCount') return t('tooMany', { n: m.maxCount });
    if (detail?.rule === 'checksum') return t('damaged', { file });
    if (detail?.rule === 'size') return t('sizeDiffers', { file });
    if (e.status === 409) return t('closed');
    return t('other', { file, reason: (lang === 'zh' && detail?.messageZh) || detail?.message || e.message });
  };

  const upload = async (list: FileList | null) => {
    const chosen = [...(list ?? [])].slice(0, Math.max(0, m.maxCount - files.length));
    if (chosen.length === 0) return;
    setErrors([]);
    setDone(undefined);
    const problemsNow: string[] = [];
    let latest: CaseView | undefined;
    for (const file of chosen) {
      // The platform refuses a file over the limit; saying so here spares hashing and sending it.
      if (file.size > m.maxSizeMb * 1024 * 1024) {
        problemsNow.push(t('tooLarge', { file: file.name, mb: m.maxSizeMb }));
        continue;
      }
      try {
        setUploading({ file: file.name, phase: 'hashing', percent: 0 });
        latest = await uploadFile(caseView.id, m.code, file, (phase, percent) =>
          setUploading({ file: file.name, phase, percent }),
        );
        onCase(latest);
        setDone(t('uploaded', { file: file.name }));
      } catch (error) {
        problemsNow.push(describe(error, file.name));
      }
    }
    setUploading(undefined);
    setErrors(problemsNow);
    if (input.current) input.current.value = '';
  };

  // A committed material needs nothing more; withdrawing the commitment brings its upload back.
  const editable = ['DRAFT', 'CORRECTION_REQUESTED', 'RETURNED'].includes(caseView.status) && !byCommitment;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  return (
    <li className={problems.length > 0 || errors.length > 0 ? 'material material--error' : 'material'}>
      <section id={id} tabIndex={-1} aria-labelledby={`${id}-name`} aria-describedby={errorId}>
        <h3 className="material__name">
          <span id={`${id}-name`}>{m.name}</span>{' '}
          <span className={m.required ? 'tag' : 'tag tag--grey'}>{m.required ? t('required') : t('optional')}</span>{' '}
          {m.tolerable && <span className="tag tag--yellow">{t('tolerable')}</span>}{' '}
          {m.replaceableBy && <span className="tag tag--green">{t('replaceable')}</span>}{' '}
          {byCommitment ? (
            <span className="tag tag--green">{t('committed')}</span>
          ) : (
            <span className={has ? 'tag tag--green' : 'tag tag--grey'}>{has ? t('provided') : t('missing')}</span>
          )}
        </h3>
        {corrections.map((c) => (
          <p key={c.message} className="notice notice--warning">
            {t('correction', { message: c.message })}
          </p>
        ))}
        <FieldErrors id={errorId} problems={problems} />
        {m.description && <p className="muted">{m.description}</p>}
        <p className="hint">
          {t('formats', { types, mb: m.maxSizeMb, n: m.maxCount })}{' '}
          {m.form === 'copy' ? t('copy') : m.form === 'original' ? t('original') : ''}
        </p>
        {m.tolerable && <p className="hint">{t('tolerableHint')}</p>}
        {byCommitment && (
          <p className="material__licence">
            {t('committedText')}{' '}
            <a
              href={`#${fieldId(COMMITMENT_PATH)}`}
              onClick={(event) => {
                const target = document.getElementById(fieldId(COMMITMENT_PATH));
                if (target) {
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'start' });
                }
              }}
            >
              {t('committedLink')}
            </a>
          </p>
        )}
        {record?.licenceNo && (
          <p className="material__licence">{t('licence', { type: typeName ?? '', no: record.licenceNo })}</p>
        )}
        {files.length > 0 && (
          <>
            <h4 className="visually-hidden">{t('files')}</h4>
            <ul className="material__files">
              {files.map((f) => (
                <li key={f.uploadId}>
                  {f.fileName}{' '}
                  <span className="muted">
                    ({formatSize(f.size)}, {format.dateTime(f.uploadedAt)})
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {editable &&
          m.replaceableBy &&
          wallet !== undefined &&
          (usable.length > 0 ? (
            <LicencePicker
              caseId={caseView.id}
              material={m.code}
              typeName={typeName ?? ''}
              licences={usable}
              current={record?.licenceNo}
              onCase={onCase}
            />
          ) : (
            !record?.licenceNo && <p className="hint">{t('noLicence', { type: typeName ?? '' })}</p>
          ))}
        {editable &&
          (full ? (
            <p className="hint">{t('full', { n: m.maxCount })}</p>
          ) : (
            <div className="material__upload">
              <label htmlFor={`${id}-file`} className="label">
                {files.length > 0 ? t('uploadAnother', { name: m.name }) : t('upload', { name: m.name })}
              </label>
              <input
                ref={input}
                id={`${id}-file`}
                type="file"
                accept={acceptFor(m.fileTypes)}
                multiple={m.maxCount - files.length > 1}
                disabled={uploading !== undefined}
                aria-describedby={errors.length > 0 ? `${id}-file-error` : undefined}
                onChange={(e) => void upload(e.target.files)}
              />
            </div>
          ))}
        <div role="status" aria-live="polite" className="material__status">
          {uploading && (
            <>
              <p>
                {uploading.phase === 'hashing'
                  ? t('hashing')
                  : uploading.phase === 'checking'
                    ? t('checking')
                    : t('uploading', { file: uploading.file })}
              </p>
              <ProgressBar value={uploading.percent} label={t('progress', { file: uploading.file })} />
            </>
          )}
          {!uploading && done && errors.length === 0 && <p className="material__done">{done}</p>}
        </div>
        {errors.length > 0 && (
          <div id={`${id}-file-error`} className="field-error" role="alert">
            {errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        )}
      </section>
    </li>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
