import { useId } from 'react';
import type { components } from '../../api/schema';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { useCatalogueNames } from './catalogue-names';
import { Particulars } from './particulars';
import './licences.css';

export type Verification = components['schemas']['Verification'];

const messages = defineMessages(
  {
    resultPrefix: '核验结果：',
    valid: '有效',
    validText: '此证照真实有效。',
    suspended: '已中止',
    suspendedText: '此证照真实，但目前处于中止状态，暂不能作为有效证照使用。',
    revoked: '已撤销',
    revokedText: '此证照真实，但已被发证机关撤销，不再有效。',
    expired: '已过期',
    expiredText: '此证照真实，但已超过有效期。',
    unknown: '无法确认',
    unknownText: '无法确认此证照有效：请核对证照编号，或向持证人索取有效的电子证照。',
    notFound: '未找到',
    notFoundText: '证照库中没有此编号的证照。请核对编号；伪造或填错的编号都会得到此结果。',
    genuine: '签名真实：由发证机关签发，内容未被篡改',
    notGenuine: '签名无法验证：不能证明此证照由发证机关签发',
    licenceNumber: '证照编号',
    type: '证照类型',
    holder: '持证主体',
    holderIdNumber: '身份证号（部分隐藏）',
    holderUscc: '统一社会信用代码',
    issuer: '发证机关',
    validFrom: '有效期自',
    validUntil: '有效期至',
    indefinite: '长期有效',
    checkedAt: '核验时间',
    problems: '核验中发现的问题',
    'problem-malformed': '内容不是有效的电子证照',
    'problem-wrong-header': '凭证格式不符合电子证照规范',
    'problem-unknown-key': '签名密钥不属于本平台',
    'problem-bad-signature': '签名不符：内容可能被篡改',
    'problem-not-yet-valid': '尚未到有效期开始日期',
    'problem-status-unavailable': '暂时无法读取证照状态清单，请稍后重试',
  },
  {
    resultPrefix: 'Result: ',
    valid: 'Valid',
    validText: 'This licence is genuine and valid.',
    suspended: 'Suspended',
    suspendedText: 'This licence is genuine but suspended for now: it cannot be relied on as valid.',
    revoked: 'Revoked',
    revokedText: 'This licence is genuine but was revoked by the issuing authority: it is no longer valid.',
    expired: 'Expired',
    expiredText: 'This licence is genuine but past its validity period.',
    unknown: 'Cannot be confirmed',
    unknownText:
      'This licence cannot be confirmed as valid: check the number, or ask the holder for a valid e-licence.',
    notFound: 'Not found',
    notFoundText:
      'No licence with this number is on the register. Check the number: a forged or mistyped number gives this answer.',
    genuine: 'Genuine signature: issued by the issuing authority and not altered',
    notGenuine: 'The signature cannot be verified: nothing shows that the issuing authority issued this',
    licenceNumber: 'Licence number',
    type: 'Type',
    holder: 'Holder',
    holderIdNumber: 'ID number (partly hidden)',
    holderUscc: 'Unified social credit code',
    issuer: 'Issued by',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    indefinite: 'No end date',
    checkedAt: 'Checked at',
    problems: 'Problems found',
    'problem-malformed': 'This is not a valid e-licence',
    'problem-wrong-header': 'The credential is not in the e-licence format',
    'problem-unknown-key': 'The signing key is not one of this platform’s',
    'problem-bad-signature': 'The signature does not match: the content may have been altered',
    'problem-not-yet-valid': 'The validity period has not begun yet',
    'problem-status-unavailable': 'The licence status lists cannot be read just now; try again later',
  },
);

type ProblemKey =
  `problem-${'malformed' | 'wrong-header' | 'unknown-key' | 'bad-signature' | 'not-yet-valid' | 'status-unavailable'}`;
const isProblemKey = (key: string): key is ProblemKey => key in messages.zh;

/**
 * What a verification says, in big plain words with colour and text: the standing, whether the signature is genuine,
 * then the licence as the API gives it (the holder already masked by the API). `byNumber`: an unknown answer to a
 * number means the register has no such licence.
 */
export function VerificationResult({
  result,
  byNumber,
  level = 2,
}: {
  result: Verification;
  byNumber?: boolean;
  level?: 2 | 3;
}) {
  const t = useT(messages);
  const titleId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const format = useFormat();
  const names = useCatalogueNames();
  const notFound = result.status === 'unknown' && byNumber && !result.signatureValid && result.problems.length === 0;
  const headline = notFound ? t('notFound') : t(result.status);
  const text = notFound ? t('notFoundText') : t(`${result.status}Text`);
  const holder = result.holder;
  return (
    <section className={`verdict verdict--${result.status}`} aria-labelledby={titleId}>
      <Heading id={titleId} className="verdict__headline">
        <span className="visually-hidden">{t('resultPrefix')}</span>
        <span className="verdict__mark" aria-hidden="true">
          {result.status === 'valid' ? '✓' : result.status === 'unknown' ? '?' : '✗'}
        </span>
        {headline}
      </Heading>
      <p className="verdict__text">{text}</p>
      {/* A number not on the register has no signature to speak of. */}
      {!notFound && (
        <p className={result.signatureValid ? 'verdict__signature verdict__signature--ok' : 'verdict__signature'}>
          <span aria-hidden="true">{result.signatureValid ? '✓ ' : '✗ '}</span>
          {result.signatureValid ? t('genuine') : t('notGenuine')}
        </p>
      )}
      {result.problems.length > 0 && (
        <>
          <Sub>{t('problems')}</Sub>
          <ul>
            {result.problems.map((p) => {
              const key = `problem-${p}`;
              return <li key={p}>{isProblemKey(key) ? t(key) : p}</li>;
            })}
          </ul>
        </>
      )}
      <dl className="summary">
        {result.licenceNumber && (
          <div>
            <dt>{t('licenceNumber')}</dt>
            <dd>{result.licenceNumber}</dd>
          </div>
        )}
        {result.type && (
          <div>
            <dt>{t('type')}</dt>
            <dd>{names.licenceType(result.type.code, result.type.name)}</dd>
          </div>
        )}
        {holder && (
          <div>
            <dt>{t('holder')}</dt>
            <dd>{holder.name}</dd>
          </div>
        )}
        {holder?.idNumberMasked && (
          <div>
            <dt>{t('holderIdNumber')}</dt>
            <dd>{holder.idNumberMasked}</dd>
          </div>
        )}
        {holder?.uscc && (
          <div>
            <dt>{t('holderUscc')}</dt>
            <dd>{holder.uscc}</dd>
          </div>
        )}
        {result.type && result.content && (
          <Particulars
            typeCode={result.type.code}
            content={result.content}
            choices={result.contentChoices}
            skip={[holder?.name ?? '', holder?.uscc ?? '']}
          />
        )}
        {result.issuer && (
          <div>
            <dt>{t('issuer')}</dt>
            <dd>{names.departmentByUrl(result.issuer.id, result.issuer.name)}</dd>
          </div>
        )}
        {result.validFrom && (
          <div>
            <dt>{t('validFrom')}</dt>
            <dd>{format.date(result.validFrom)}</dd>
          </div>
        )}
        {result.signatureValid && result.validFrom && (
          <div>
            <dt>{t('validUntil')}</dt>
            <dd>{result.validUntil ? format.date(result.validUntil) : t('indefinite')}</dd>
          </div>
        )}
        <div>
          <dt>{t('checkedAt')}</dt>
          <dd>{format.dateTime(result.checkedAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
