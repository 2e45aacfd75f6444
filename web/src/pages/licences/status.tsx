import { defineMessages, useT } from '../../i18n/i18n';

/** A licence's standing, as the wallet and public verification both name it (the words carry it, the colour helps). */
export type LicenceStanding = 'valid' | 'suspended' | 'revoked' | 'expired' | 'superseded' | 'unknown';

const messages = defineMessages(
  {
    valid: '有效',
    suspended: '已中止',
    revoked: '已撤销',
    expired: '已过期',
    superseded: '已被新版本替代',
    unknown: '未找到',
  },
  {
    valid: 'Valid',
    suspended: 'Suspended',
    revoked: 'Revoked',
    expired: 'Expired',
    superseded: 'Superseded by a newer version',
    unknown: 'Not found',
  },
);

const TONE: Record<LicenceStanding, string> = {
  valid: 'tag--green',
  suspended: 'tag--yellow',
  revoked: 'tag--red',
  expired: 'tag--grey',
  superseded: 'tag--grey',
  unknown: 'tag--grey',
};

/** The wallet's licence: a revoked or suspended state outranks expiry, which outranks 'valid'. */
export function licenceStanding(licence: {
  state: 'valid' | 'suspended' | 'revoked' | 'superseded';
  expired: boolean;
}): LicenceStanding {
  return licence.state === 'valid' && licence.expired ? 'expired' : licence.state;
}

export function useStandingText(): (standing: LicenceStanding) => string {
  const t = useT(messages);
  return (standing) => t(standing);
}

export function StandingTag({ standing }: { standing: LicenceStanding }) {
  const text = useStandingText();
  return <strong className={`tag ${TONE[standing]}`}>{text(standing)}</strong>;
}
