// The case's outcome: the e-licence, the fee (非税支付) and the result on its way (统一出件), told to the applicant.
import { type MessageTemplate, toApplicant } from './template-builder';

export const OUTCOME_TEMPLATES: Readonly<Record<string, MessageTemplate>> = {
  // ---- 电子证照: the applicant's e-licences ----
  'Licence.Issued.v1': toApplicant(
    {
      title: '电子证照已签发',
      body: '您的{licenceType}（证照编号{licenceNo}）已由{department}签发，可在“我的证照”中查看和使用。',
    },
    {
      title: 'E-licence issued',
      body: 'Your {licenceType} (no. {licenceNo}) was issued by {department}; find and use it under My licences.',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已签发，可在“我的证照”中查看。',
      en: 'Your {licenceType} ({licenceNo}) was issued.',
    },
  ),
  'Licence.Changed.v1': toApplicant(
    { title: '电子证照已变更', body: '您的{licenceType}（证照编号{licenceNo}）已变更，第{version}版取代此前的版本。' },
    {
      title: 'E-licence changed',
      body: 'Your {licenceType} (no. {licenceNo}) was changed; version {version} replaces the earlier one.',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已变更为第{version}版。',
      en: 'Your {licenceType} ({licenceNo}) changed to version {version}.',
    },
  ),
  'Licence.Renewed.v1': toApplicant(
    {
      title: '电子证照已延续',
      body: '您的{licenceType}（证照编号{licenceNo}）已延续，新的有效期可在“我的证照”中查看。',
    },
    {
      title: 'E-licence renewed',
      body: 'Your {licenceType} (no. {licenceNo}) was renewed; see its new validity under My licences.',
    },
    { zh: '您的{licenceType}（{licenceNo}）已延续。', en: 'Your {licenceType} ({licenceNo}) was renewed.' },
  ),
  'Licence.Suspended.v1': toApplicant(
    {
      title: '电子证照已暂停',
      body: '您的{licenceType}（证照编号{licenceNo}）已被{department}暂停使用。原因：{reason}',
    },
    {
      title: 'E-licence suspended',
      body: 'Your {licenceType} (no. {licenceNo}) was suspended by {department}. Reason: {reason}',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已暂停使用，原因请登录一网通办查看。',
      en: 'Your {licenceType} ({licenceNo}) was suspended; sign in for the reason.',
    },
  ),
  'Licence.Revoked.v1': toApplicant(
    { title: '电子证照已作废', body: '您的{licenceType}（证照编号{licenceNo}）已被{department}作废。原因：{reason}' },
    {
      title: 'E-licence revoked',
      body: 'Your {licenceType} (no. {licenceNo}) was revoked by {department}. Reason: {reason}',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已作废，原因请登录一网通办查看。',
      en: 'Your {licenceType} ({licenceNo}) was revoked; sign in for the reason.',
    },
  ),
  'Licence.Expired.v1': toApplicant(
    {
      title: '电子证照已过期',
      body: '您的{licenceType}（证照编号{licenceNo}）已超过有效期。如需继续使用，请申请延续。',
    },
    {
      title: 'E-licence expired',
      body: 'Your {licenceType} (no. {licenceNo}) has expired. Apply for a renewal if you still need it.',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已过期，如需继续使用请申请延续。',
      en: 'Your {licenceType} ({licenceNo}) has expired.',
    },
  ),
  // ---- 非税支付: the case's fee ----
  'Payment.Ordered.v1': toApplicant(
    {
      title: '请缴纳办理费用',
      body: '您的{matterName}办件（{caseNumber}）需缴纳{amount}，请于{payBy}前在一网通办“我的办件”中完成缴费。缴费后方可出证。',
    },
    {
      title: 'Fee to pay',
      body: 'Your case {caseNumber} ({matterName}) has a fee of {amount}. Please pay it under My cases by {payBy}; the licence is issued once it is paid.',
    },
    {
      zh: '您的办件{caseNumber}需缴费{amount}，请于{payBy}前缴纳。',
      en: 'Case {caseNumber}: a fee of {amount} is due by {payBy}.',
    },
  ),
  'Payment.Paid.v1': toApplicant(
    { title: '缴费成功', body: '您已为{matterName}办件（{caseNumber}）缴纳{amount}。' },
    { title: 'Fee paid', body: 'You paid {amount} for case {caseNumber} ({matterName}).' },
    { zh: '您已为办件{caseNumber}缴费{amount}。', en: 'Paid {amount} for case {caseNumber}.' },
  ),
  'Payment.Failed.v1': toApplicant(
    { title: '缴费未成功', body: '您为办件{caseNumber}缴纳{amount}未成功，请稍后重试或更换支付方式。' },
    {
      title: 'Payment failed',
      body: 'Your payment of {amount} for case {caseNumber} did not go through; try again or use another way to pay.',
    },
    { zh: '办件{caseNumber}缴费未成功，请重试。', en: 'Payment for case {caseNumber} failed; please try again.' },
  ),
  'Payment.Expired.v1': toApplicant(
    {
      title: '缴费单已过期',
      body: '办件{caseNumber}的缴费单（{amount}）已过期，请在“我的办件”中重新生成缴费单后缴费。',
    },
    {
      title: 'Payment order expired',
      body: 'The payment order of case {caseNumber} ({amount}) expired; make a new one under My cases and pay it.',
    },
    {
      zh: '办件{caseNumber}的缴费单已过期，请重新生成后缴费。',
      en: 'The payment order of case {caseNumber} expired; please renew it.',
    },
  ),
  'Payment.Refunded.v1': toApplicant(
    { title: '费用已退还', body: '办件{caseNumber}已缴纳的{amount}已原路退还。' },
    { title: 'Fee refunded', body: 'The {amount} paid for case {caseNumber} was refunded to where it came from.' },
    { zh: '办件{caseNumber}已缴费用{amount}已原路退还。', en: 'The {amount} paid for case {caseNumber} was refunded.' },
  ),
  // ---- 统一出件: the result on its way ----
  'Delivery.ReadyForPickup.v1': toApplicant(
    {
      title: '办理结果可领取',
      body: '您的{matterName}办件（{caseNumber}）办理结果已可到窗口领取，请携带本人有效身份证件。',
    },
    {
      title: 'Result ready for pickup',
      body: 'The result of your case {caseNumber} ({matterName}) is ready at the window; bring your identity document.',
    },
    {
      zh: '您的办件{caseNumber}办理结果已可到窗口领取。',
      en: 'The result of case {caseNumber} is ready for pickup at the window.',
    },
  ),
  'Delivery.Shipped.v1': toApplicant(
    { title: '办理结果已寄出', body: '您的{matterName}办件（{caseNumber}）办理结果已寄出，运单号{trackingNo}。' },
    {
      title: 'Result posted',
      body: 'The result of your case {caseNumber} ({matterName}) was posted; tracking number {trackingNo}.',
    },
    {
      zh: '您的办件{caseNumber}办理结果已寄出，运单号{trackingNo}。',
      en: 'The result of case {caseNumber} was posted: tracking {trackingNo}.',
    },
  ),
  'Delivery.Delivered.v1': toApplicant(
    {
      title: '办理结果已送达',
      body: '您的{matterName}办件（{caseNumber}）办理结果已于{deliveredDate}送达。欢迎对本次服务作出评价。',
    },
    {
      title: 'Result delivered',
      body: 'The result of your case {caseNumber} ({matterName}) was delivered on {deliveredDate}. Please rate the service.',
    },
    {
      zh: '您的办件{caseNumber}办理结果已送达，欢迎评价。',
      en: 'The result of case {caseNumber} was delivered; please rate the service.',
    },
  ),
};
