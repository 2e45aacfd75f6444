import type { Material } from '@shared/domain/catalogue/model';
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import {
  type AttachmentLink,
  attachmentLink,
  formatSize,
  pdfObjectUrl,
  previewKind,
  stillValid,
} from './attachment-link';
import { PdfFrame } from './pdf-frame';
import './case-details.css';

type CaseView = components['schemas']['Case'];
type CaseFile = CaseView['materials'][string]['files'][number];
type Verification = components['schemas']['Verification'];

const messages = defineMessages(
  {
    required: '必需',
    optional: '选填',
    tolerable: '可容缺',
    replaceable: '可免证',
    provided: '已提交',
    missing: '未提交',
    missingTolerable: '未提交（可容缺）',
    tolerated: '容缺受理，待补交',
    committed: '告知承诺代替',
    files: '{n} 个文件',
    previewOf: '{material}：{file}',
    loadingPreview: '正在加载预览…',
    openPdf: '在此预览 PDF：{file}',
    previewFailed: '预览加载失败。',
    retry: '重新加载',
    noPreview: '此格式无法在浏览器中预览，请下载后查看。',
    download: '下载 {file}',
    uploadedAt: '{size}，{time} 上传',
    licence: '以电子证照代替：{no}',
    verifying: '正在核验证照…',
    verifyFailed: '证照核验失败，请稍后重试。',
    verifyRetry: '重新核验',
    holder: '持证主体：{name}',
    type: '证照类型：{type}',
    genuine: '签名真实',
    notGenuine: '签名无法验证',
    valid: '有效',
    suspended: '已中止',
    revoked: '已撤销',
    expired: '已过期',
    unknown: '无法确认',
    verified: '核验结果：',
  },
  {
    required: 'required',
    optional: 'optional',
    tolerable: 'may follow',
    replaceable: 'e-licence accepted',
    provided: 'provided',
    missing: 'missing',
    missingTolerable: 'missing (may follow)',
    tolerated: 'tolerated, to follow',
    committed: 'replaced by the applicant’s commitment',
    files: '{n} file(s)',
    previewOf: '{material}: {file}',
    loadingPreview: 'Loading the preview…',
    openPdf: 'Preview the PDF here: {file}',
    previewFailed: 'The preview could not be loaded.',
    retry: 'Load again',
    noPreview: 'This format cannot be shown in the browser; download it to read it.',
    download: 'Download {file}',
    uploadedAt: '{size}, uploaded {time}',
    licence: 'E-licence instead of a copy: {no}',
    verifying: 'Verifying the licence…',
    verifyFailed: 'The licence could not be verified; try again later.',
    verifyRetry: 'Verify again',
    holder: 'Holder: {name}',
    type: 'Type: {type}',
    genuine: 'genuine signature',
    notGenuine: 'signature not verified',
    valid: 'Valid',
    suspended: 'Suspended',
    revoked: 'Revoked',
    expired: 'Expired',
    unknown: 'Cannot be confirmed',
    verified: 'Verification: ',
  },
);

/**
 * Every material of a case as staff check it (前台受理 at the window, 后台审批 in a department, a supervisor's look):
 * what the matter asks for (required, 容缺, 免证), what the case has, each file previewed in the page (images inline,
 * PDFs in a frame) with a download link, and each licence given instead of a copy (免证) verified on the spot
 * (GET /verify/{licenceNo}: its status and holder).
 *
 * Props (all plain data):
 * - `caseView`: the case as GET /applications/{id} (or a task's `case`) gives it.
 * - `materials`: the materials of the case's pinned matter or bundle, e.g. `(await templateOfCase(caseView)).materials`
 *   from pages/apply/template.ts (a bundle's derived materials included).
 * - `headingLevel`: the level of each material's heading (default 3, under an h2 of the caller's).
 *
 * Previews load when they come near the screen; each link is asked for afresh when it has expired (five minutes).
 */
export function MaterialsPreview({
  caseView,
  materials,
  headingLevel = 3,
}: {
  caseView: CaseView;
  materials: readonly Material[];
  headingLevel?: 2 | 3 | 4;
}) {
  return (
    <ul className="list-plain mp">
      {materials.map((m) => (
        <MaterialItem key={m.code} caseView={caseView} material={m} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

function MaterialItem({
  caseView,
  material: m,
  headingLevel,
}: {
  caseView: CaseView;
  material: Material;
  headingLevel: 2 | 3 | 4;
}) {
  const t = useT(messages);
  const record = caseView.materials[m.code];
  const files = record?.files ?? [];
  const has = files.length > 0 || Boolean(record?.licenceNo);
  const tolerated = (caseView.tolerated ?? []).includes(m.code);
  // 告知承诺制: the applicant's written commitment stands in for this material; the department checks afterwards.
  const committed = (caseView.commitment?.materials ?? []).includes(m.code);
  const Heading = `h${headingLevel}` as const;
  const state = has
    ? { text: t('provided'), tag: 'tag tag--green' }
    : committed
      ? { text: t('committed'), tag: 'tag' }
      : tolerated
        ? { text: t('tolerated'), tag: 'tag tag--yellow' }
        : m.required && m.tolerable
          ? { text: t('missingTolerable'), tag: 'tag tag--yellow' }
          : m.required
            ? { text: t('missing'), tag: 'tag tag--red' }
            : { text: t('missing'), tag: 'tag tag--grey' };
  return (
    <li className="mp__material" data-material={m.code}>
      <Heading className="mp__name">
        <span>{m.name}</span>{' '}
        <span className={m.required ? 'tag' : 'tag tag--grey'}>{m.required ? t('required') : t('optional')}</span>
        {m.tolerable && <span className="tag tag--yellow">{t('tolerable')}</span>}
        {m.replaceableBy && <span className="tag tag--grey">{t('replaceable')}</span>}
        <span className={state.tag}>{state.text}</span>
        {files.length > 0 && <span className="muted">{t('files', { n: files.length })}</span>}
      </Heading>
      {record?.licenceNo && <LicenceCheck licenceNo={record.licenceNo} />}
      {files.length > 0 && (
        <ul className="list-plain mp__files">
          {files.map((f) => (
            <li key={f.uploadId}>
              <FilePreview caseId={caseView.id} file={f} materialName={m.name} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** True once the element has come within a screen of the viewport (then stays true): previews load lazily. */
function useNearViewport<T extends Element>() {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    if (typeof IntersectionObserver === 'undefined') return setNear(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '100% 0px',
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return { ref, near };
}

function FilePreview({ caseId, file, materialName }: { caseId: string; file: CaseFile; materialName: string }) {
  const t = useT(messages);
  const format = useFormat();
  const kind = previewKind(file.contentType);
  const { ref, near } = useNearViewport<HTMLElement>();
  const [link, setLink] = useState<AttachmentLink | undefined>();
  const [pdf, setPdf] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);
  // A PDF opens on request: Chromium's viewer takes focus and scrolls to itself when it loads, which would pull an
  // officer out of the decision they are typing further down. Images load as they come near.
  const [pdfWanted, setPdfWanted] = useState(false);
  const label = t('previewOf', { material: materialName, file: file.fileName });

  // biome-ignore lint/correctness/useExhaustiveDependencies: round is the retry button: a new round loads again
  useEffect(() => {
    if (!near) return;
    const abort = new AbortController();
    let objectUrl: string | undefined;
    setFailed(false);
    void (async () => {
      try {
        const fresh = await attachmentLink(caseId, file.uploadId);
        if (abort.signal.aborted) return;
        setLink(fresh);
        if (kind === 'pdf' && pdfWanted) {
          objectUrl = await pdfObjectUrl(fresh.url, abort.signal);
          if (abort.signal.aborted) return URL.revokeObjectURL(objectUrl);
          setPdf(objectUrl);
        }
      } catch {
        if (!abort.signal.aborted) setFailed(true);
      }
    })();
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [near, caseId, file.uploadId, kind, round, pdfWanted]);

  /** An expired link is asked for again before the download starts. */
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (stillValid(link)) return;
    event.preventDefault();
    try {
      const fresh = await attachmentLink(caseId, file.uploadId);
      setLink(fresh);
      window.location.assign(fresh.url);
    } catch {
      setFailed(true);
    }
  };

  const loading = near && !failed && (link === undefined || (kind === 'pdf' && pdfWanted && pdf === undefined));
  return (
    <figure className="mp__file" ref={ref}>
      {/* The preview's box keeps its size while loading, so nothing below it moves when it arrives. */}
      {kind === 'pdf' && !pdfWanted && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setPdfWanted(true)}>
            {t('openPdf', { file: file.fileName })}
          </button>
        </p>
      )}
      {(kind === 'image' || (kind === 'pdf' && pdfWanted)) && (
        <div className="mp__media">
          {kind === 'image' && link && !failed && (
            <img className="mp__image" src={link.url} alt={label} onError={() => setFailed(true)} />
          )}
          {kind === 'pdf' && pdf && !failed && <PdfFrame className="mp__frame" src={pdf} title={label} />}
          {loading && (
            <p className="loading">
              <span className="spinner" aria-hidden="true" /> {t('loadingPreview')}
            </p>
          )}
          {failed && (
            <p className="field-error">
              {t('previewFailed')}{' '}
              <button type="button" className="link-button" onClick={() => setRound((r) => r + 1)}>
                {t('retry')}
              </button>
            </p>
          )}
        </div>
      )}
      {kind === 'none' && <p className="muted">{t('noPreview')}</p>}
      <figcaption className="mp__caption">
        <span className="mp__file-name">{file.fileName}</span>{' '}
        <span className="muted">
          {t('uploadedAt', { size: formatSize(file.size), time: format.dateTime(file.uploadedAt) })}
        </span>{' '}
        <a href={link?.url ?? '#'} onClick={(e) => void download(e)} className="mp__download">
          {t('download', { file: file.fileName })}
        </a>
      </figcaption>
    </figure>
  );
}

const STANDING_TAG: Record<Verification['status'], string> = {
  valid: 'tag tag--green',
  suspended: 'tag tag--yellow',
  revoked: 'tag tag--red',
  expired: 'tag tag--red',
  unknown: 'tag tag--red',
};

/** 免证: the licence given instead of a copy, verified now (genuine, whose, valid). */
function LicenceCheck({ licenceNo }: { licenceNo: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  const verification = useApi(
    () => unwrap(api().GET('/verify/{licenceNo}', { params: { path: { licenceNo } } })),
    [licenceNo],
  );
  return (
    <div className="mp__licence">
      <p className="mp__licence-no">{t('licence', { no: licenceNo })}</p>
      {verification.status === 'loading' && <p className="muted">{t('verifying')}</p>}
      {verification.status === 'error' && (
        <p className="field-error">
          {t('verifyFailed')}{' '}
          <button type="button" className="link-button" onClick={verification.reload}>
            {t('verifyRetry')}
          </button>
        </p>
      )}
      {verification.status === 'ready' && (
        <p className="mp__verdict">
          {t('verified')}
          <strong className={STANDING_TAG[verification.data.status]}>{t(verification.data.status)}</strong>
          {' · '}
          {verification.data.signatureValid ? t('genuine') : t('notGenuine')}
          {verification.data.type && (
            <>
              {' · '}
              {t('type', { type: verification.data.type.name })}
            </>
          )}
          {verification.data.holder && (
            <>
              {' · '}
              {t('holder', {
                name: [
                  verification.data.holder.name,
                  verification.data.holder.uscc ?? verification.data.holder.idNumberMasked,
                ]
                  .filter(Boolean)
                  .join(lang === 'zh' ? '，' : ', '),
              })}
            </>
          )}
        </p>
      )}
    </div>
  );
}
