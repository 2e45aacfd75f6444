import { useState } from 'react';
import { Link } from 'wouter';
import { type ApiError, api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError } from '../../components/common';
import { QrCode } from '../../components/qr-code';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { useCatalogueNames } from './catalogue-names';
import { Particulars } from './particulars';
import { licenceStanding, StandingTag } from './status';
import './licences.css';
import './licence-commitment.css';

export type Licence = components['schemas']['Licence'];

const messages = defineMessages(
  {
    number: '证照编号',
    holder: '持证主体',
    issuer: '发证机关',
    validFrom: '有效期自',
    validUntil: '有效期至',
    indefinite: '长期有效',
    issuedAt: '签发时间',
    annualCheck: '最近年检',
    version: '版本',
    status: '状态',
    qrAlt: '{name}（{no}）的核验二维码，扫码打开核验页面：{url}',
    qrCaption: '扫码核验此证照',
    pdf: '下载证照 PDF',
    pdfBusy: '正在生成下载链接…',
    pdfReady: '下载已开始。如未开始，请点此下载 PDF（{time}前有效）',
    share: '分享核验链接',
    shared: '已分享核验链接。',
    copied: '核验链接已复制，可粘贴给需要核验的人。',
    copyFailed: '无法自动复制，请手动复制下面的核验链接。',
    verifyLink: '核验链接',
    openVerify: '打开核验页面',
    credential: '电子证照凭证（供他人粘贴核验）',
    credentialHint: '对方可在“证照核验”页面粘贴此凭证，离线签名同样可验。',
    copyCredential: '复制凭证',
    credentialCopied: '凭证已复制。',
    onCommitment: '依告知承诺制核发',
    onCommitmentText: '发证机关将进行事后核查；承诺不实的，证照将被撤销。',
  },
  {
    number: 'Licence number',
    holder: 'Holder',
    issuer: 'Issued by',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    indefinite: 'No end date',
    issuedAt: 'Issued',
    annualCheck: 'Last annual check',
    version: 'Version',
    status: 'Status',
    qrAlt: 'Verification QR code of {name} ({no}); scanning it opens the verification page: {url}',
    qrCaption: 'Scan to verify this licence',
    pdf: 'Download the licence (PDF)',
    pdfBusy: 'Preparing the download link…',
    pdfReady: 'The download has started. If it has not, download the PDF here (valid until {time})',
    share: 'Share the verification link',
    shared: 'The verification link was shared.',
    copied: 'The verification link was copied: paste it to whoever needs to check the licence.',
    copyFailed: 'It could not be copied automatically: copy the verification link below yourself.',
    verifyLink: 'Verification link',
    openVerify: 'Open the verification page',
    credential: 'The e-licence credential (for others to paste and verify)',
    credentialHint: 'It can be pasted on the “Verify a licence” page; its signature can be checked offline too.',
    copyCredential: 'Copy the credential',
    credentialCopied: 'The credential was copied.',
    onCommitment: 'Issued on a written commitment (告知承诺制)',
    onCommitmentText: 'The issuer checks the commitment afterwards; if it is false, the licence is revoked.',
  },
);

/** Copies text to the clipboard; false where the browser refuses (no permission, not a secure context). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** One licence in the wallet: its particulars, status, the QR code of its verification page, the PDF and sharing. */
export function LicenceCard({ licence }: { licence: Licence }) {
  const t = useT(messages);
  const format = useFormat();
  const names = useCatalogueNames();
  const verifyUrl = `${location.origin}/verify/${encodeURIComponent(licence.licenceNo)}`;
  const typeName = names.licenceType(licence.type, licence.typeName);
  const headingId = `licence-${licence.licenceNo}`;
  const [note, setNote] = useState('');
  const [pdf, setPdf] = useState<{ busy: boolean; link?: { url: string; expiresAt: string }; error?: ApiError }>({
    busy: false,
  });

  const download = async () => {
    setPdf({ busy: true });
    try {
      const link = await unwrap(
        api().GET('/licences/{licenceNo}/document', { params: { path: { licenceNo: licence.licenceNo } } }),
      );
      setPdf({ busy: false, link });
      // The link answers with an attachment: the browser downloads it and this page stays.
      window.location.assign(link.url);
    } catch (error) {
      setPdf({ busy: false, error: error as ApiError });
    }
  };

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: `${typeName} ${licence.licenceNo}`, url: verifyUrl });
        return setNote(t('shared'));
      } catch (error) {
        if ((error as Error).name === 'AbortError') return setNote('');
        // Sharing unavailable here after all: copy instead.
      }
    }
    setNote((await copy(verifyUrl)) ? t('copied') : t('copyFailed'));
  };

  return (
    <article className="card licence" aria-labelledby={headingId}>
      <div className="licence__head">
        <h2 id={headingId}>{typeName}</h2>
        <StandingTag standing={licenceStanding(licence)} />
      </div>
      {licence.issuedOnCommitment && (
        <p className="licence__commitment">
          <strong className="tag">{t('onCommitment')}</strong> <span className="hint">{t('onCommitmentText')}</span>
        </p>
      )}
      <dl className="summary">
        <div>
          <dt>{t('number')}</dt>
          <dd>{licence.licenceNo}</dd>
        </div>
        <div>
          <dt>{t('holder')}</dt>
          <dd>{licence.holderName}</dd>
        </div>
        <div>
          <dt>{t('issuer')}</dt>
          <dd>{names.department(licence.issuingDepartment)}</dd>
        </div>
        <div>
          <dt>{t('validFrom')}</dt>
          <dd>{format.date(licence.validFrom)}</dd>
        </div>
        <div>
          <dt>{t('validUntil')}</dt>
          <dd>{licence.validUntil ? format.date(licence.validUntil) : t('indefinite')}</dd>
        </div>
        {licence.lastAnnualCheck && (
          <div>
            <dt>{t('annualCheck')}</dt>
            <dd>{format.date(licence.lastAnnualCheck)}</dd>
          </div>
        )}
        {/* Not again what is shown above (an enterprise's name and code are its holder and number). */}
        <Particulars
          typeCode={licence.type}
          content={licence.content}
          choices={licence.contentChoices}
          skip={[licence.holderName, licence.licenceNo]}
        />
        <div>
          <dt>{t('version')}</dt>
          <dd>
            {licence.version} · {t('issuedAt')} {format.dateTime(licence.issuedAt)}
          </dd>
        </div>
      </dl>
      <figure className="licence__qr">
        <QrCode text={verifyUrl} alt={t('qrAlt', { name: typeName, no: licence.licenceNo, url: verifyUrl })} />
        <figcaption>{t('qrCaption')}</figcaption>
      </figure>
      <div className="licence__foot">
        <div className="actions">
          <button type="button" className="button" onClick={() => void download()} disabled={pdf.busy}>
            {pdf.busy ? t('pdfBusy') : t('pdf')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void share()}>
            {t('share')}
          </button>
          <Link href={`/verify/${encodeURIComponent(licence.licenceNo)}`}>{t('openVerify')}</Link>
        </div>
        <CommandError error={pdf.error} />
        {pdf.link && (
          <p>
            <a href={pdf.link.url}>{t('pdfReady', { time: format.dateTime(pdf.link.expiresAt) })}</a>
          </p>
        )}
        <p role="status" className={note ? 'notice notice--success' : undefined}>
          {note}
        </p>
        <p>
          <label className="label" htmlFor={`${headingId}-url`}>
            {t('verifyLink')}
          </label>
          <input
            id={`${headingId}-url`}
            type="text"
            readOnly
            value={verifyUrl}
            onFocus={(e) => e.currentTarget.select()}
          />
        </p>
        <CredentialDetails credential={licence.credential} id={`${headingId}-credential`} />
      </div>
    </article>
  );
}

function CredentialDetails({ credential, id }: { credential: string; id: string }) {
  const t = useT(messages);
  const [copied, setCopied] = useState('');
  return (
    <details className="licence__credential">
      <summary>{t('credential')}</summary>
      <div className="field">
        <label htmlFor={id}>{t('credential')}</label>
        <span className="hint" id={`${id}-hint`}>
          {t('credentialHint')}
        </span>
        <textarea
          id={id}
          readOnly
          value={credential}
          rows={5}
          aria-describedby={`${id}-hint`}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void copy(credential).then((ok) => setCopied(ok ? t('credentialCopied') : t('copyFailed')))}
      >
        {t('copyCredential')}
      </button>
      <p role="status">{copied}</p>
    </details>
  );
}
