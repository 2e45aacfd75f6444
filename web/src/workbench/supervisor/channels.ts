import { defineMessages } from '../../i18n/i18n';

/** The channels a case comes in by (CaseView.channel and the /stats channel dimension). */
export const channelMessages = defineMessages(
  { online: '网上', mobile: '移动端', window: '窗口', 'self-service': '自助终端' },
  { online: 'Online', mobile: 'Mobile', window: 'Window', 'self-service': 'Self-service terminal' },
);
