import type { HistoryEntry } from '../applications/case';
import type { CaseRecord, CorrectionItem } from '../applications/model';
import { maskIdNumber } from '../applications/view';
import { toShanghaiDate } from '../calendar/working-days';
import { chineseDay } from '../documents/dates';

/**
 * The written notices of the acceptance stage (行政许可法 第三十二条): 受理通知书, 不予受理通知书 and 补正材料通知书
 * (一次性告知书). One pure function gives a notice's fields and its lines; the PDF renderer draws them and the JSON
 * answer carries them to the browser's printable page, so both say the same.
 */

export const NOTICE_KINDS = ['acceptance', 'refusal', 'correction'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The history entry that is each notice's decision. */
export const NOTICE_DECISIONS: Readonly<Record<NoticeKind, HistoryEntry['action']>> = {
  acceptance: 'accepted',
  refusal: 'refused',
  correction: 'correction-requested',
};

export const NOTICE_TITLES: Readonly<Record<NoticeKind, string>> = {
  acceptance: '受理通知书',
  refusal: '不予受理通知书',
  correction: '补正材料通知书（一次性告知书）',
};

const DOCUMENT_PREFIX: Readonly<Record<NoticeKind, string>> = {
  acceptance: '受理',
  refusal: '不予受理',
  correction: '补正',
};

export const LEGAL_BASIS = '《中华人民共和国行政许可法》第三十二条';
/** Where the notices are issued: the one-stop centre's general window, for the matter's department. */
export const SERVICE_CENTRE = '政务服务中心综合受理窗口';

/** A line of the notice's body: a paragraph, or an item of a list (the corrections, the tolerated materials, the reason). */
export interface NoticeLine {
  readonly kind: 'paragraph' | 'item';
  readonly text: string;
}

export interface Notice {
  readonly kind: NoticeKind;
  readonly title: string;
  /** 文书编号, e.g. 受理〔2026〕350100-20260302-30017号. */
  readonly documentNo: string;
  readonly issuer: { readonly department: string; readonly name: string; readonly centre: string };
  readonly caseId: string;
  readonly caseNumber: string;
  /** The case's page, which the QR code carries. */
  readonly caseUrl: string;
  readonly applicant: {
    readonly type: 'citizen' | 'enterprise';
    readonly name: string;
    readonly identifierLabel: string;
    readonly identifier: string;
  };
  readonly matter: { readonly code: string; readonly name: string; readonly kind: 'matter' | 'bundle' };
  /** When the application the decision answers was submitted (YYYY-MM-DD, Asia/Shanghai). */
  readonly submittedOn?: string;
  readonly decidedAt: string;
  readonly decisionDate: string;
  readonly legalBasis: string;
  /** Acceptance: deemed accepted because nobody decided within the limit. */
  readonly deemed?: boolean;
  /** Acceptance: materials accepted as missing (容缺), to be handed in before the decision. */
  readonly tolerated?: { readonly code: string; readonly name: string }[];
  /** Acceptance: the decision is due by this date (YYYY-MM-DD). */
  readonly decisionDeadline?: string;
  /** Refusal: the written reason. */
  readonly reason?: string;
  /** Correction: every item at once (一次性告知), and the window's note if any. */
  readonly items?: {
    readonly target: 'material' | 'field';
    readonly code: string;
    readonly name: string;
    readonly message: string;
  }[];
  readonly note?: string;
  /** 申请人 name followed by a colon, as the letter opens. */
  readonly salutation: string;
  readonly lines: NoticeLine[];
  /** The closing, bottom right: the issuing body and the date. */
  readonly closing: string[];
}

export interface NoticeSource {
  readonly kind: NoticeKind;
  readonly record: Pick<CaseRecord, 'id' | 'number' | 'ownerKey' | 'applicant' | 'matterCode' | 'kind' | 'form'>;
  /** The decision: the latest `accepted`, `refused` or `correction-requested` entry. */
  readonly decision: Pick<HistoryEntry, 'at' | 'reason' | 'data'>;
  /** The submission that decision answered (the last `submitted` or `resubmitted` before it). */
  readonly submittedAt?: string;
  readonly matter: {
    readonly name: string;
    readonly materials: readonly { readonly code: string; readonly name: string }[];
    readonly fields: readonly { readonly key: string; readonly label: { readonly zh: string } }[];
  };
  readonly issuer: { readonly department: string; readonly name: string };
  readonly applicantName: string;
  readonly decisionDeadline?: string;
  readonly caseUrl: string;
}

/** The applicant's name for a notice: as identified (walk-in) or signed in, else the form's field that the profile's name fills. */
export function applicantNameOf(
  record: Pick<CaseRecord, 'applicant' | 'form'>,
  fields: readonly { readonly key: string; readonly prefill?: string }[],
): string {
  if (record.applicant.name) return record.applicant.name;
  const field = fields.find((f) => f.prefill === 'profile.name');
  const value = field ? record.form[field.key] : undefined;
  if (typeof value === 'string' && value.trim()) return value.trim();
  return record.applicant.type === 'enterprise' ? '申请单位' : '申请人';
}

/** The notice's fields and lines. Throws nothing: the caller has found the decision. */
export function buildNotice(source: NoticeSource): Notice {
  const { kind, record, decision, matter } = source;
  const enterprise = record.ownerKey.startsWith('E#');
  const identifier = record.ownerKey.slice(2);
  const decisionDate = toShanghaiDate(decision.at);
  const submittedOn = source.submittedAt ? toShanghaiDate(source.submittedAt) : undefined;
  const you = enterprise ? '你单位' : '你';
  const applied = `${you}${submittedOn ? `于${chineseDay(submittedOn)}` : ''}提交的${matter.name}申请（办件编号：${record.number}）`;
  const query: NoticeLine = {
    kind: 'paragraph',
    text: `可扫描本通知书上的二维码或访问 ${source.caseUrl} 查询办理进度。`,
  };
  const materialName = (code: string) => matter.materials.find((m) => m.code === code)?.name ?? code;
  const fieldName = (key: string) => matter.fields.find((f) => f.key === key)?.label.zh ?? key;

  const lines: NoticeLine[] = [];
  let details: Partial<Notice> = {};
  if (kind === 'acceptance') {
    const deemed = decision.data?.deemed === true;
    const tolerated = ((decision.data?.tolerated as string[] | undefined) ?? []).map((code) => ({
      code,
      name: materialName(code),
    }));
    lines.push({
      kind: 'paragraph',
      text: deemed
        ? `${applied}，本机关未在法定期限内作出是否受理的决定。根据${LEGAL_BASIS}的规定，自收到申请材料之日起即为受理。`
        : `${applied}，经审查，申请材料齐全、符合法定形式。根据${LEGAL_BASIS}的规定，本机关决定予以受理。`,
    });
    if (tolerated.length > 0) {
      lines.push({ kind: 'paragraph', text: `以下材料准予容缺受理，请在本机关作出决定前补交：` });
      tolerated.forEach((m, i) => {
        lines.push({ kind: 'item', text: `${i + 1}. ${m.name}` });
      });
    }
    if (source.decisionDeadline) {
      lines.push({
        kind: 'paragraph',
        text: `本机关将于${chineseDay(source.decisionDeadline)}前作出决定（期限按工作日计算；依法需要听证、检验、检测、鉴定、专家评审等的时间不计算在内）。`,
      });
    }
    details = { deemed, tolerated, ...(source.decisionDeadline ? { decisionDeadline: source.decisionDeadline } : {}) };
  } else if (kind === 'refusal') {
    const reason = decision.reason?.trim() || '（未载明理由）';
    lines.push({
      kind: 'paragraph',
      text: `${applied}，经审查，根据${LEGAL_BASIS}的规定，本机关决定不予受理。理由如下：`,
    });
    lines.push({ kind: 'item', text: reason });
    lines.push({
      kind: 'paragraph',
      text: `${you}如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`,
    });
    details = { reason };
  } else {
    const items = ((decision.data?.items as CorrectionItem[] | undefined) ?? []).map((item) => ({
      target: item.target,
      code: item.code,
      name: item.target === 'material' ? materialName(item.code) : fieldName(item.code),
      message: item.message,
    }));
    lines.push({
      kind: 'paragraph',
      text: `${applied}，经审查，申请材料不齐全或者不符合法定形式。根据${LEGAL_BASIS}的规定，现一次性告知${you}需要补正的全部内容如下：`,
    });
    items.forEach((item, i) => {
      const target = item.target === 'material' ? '材料' : '填报内容';
      lines.push({ kind: 'item', text: `${i + 1}. 【${target}】${item.name}：${item.message}` });
    });
    const note = decision.reason?.trim();
    if (note) lines.push({ kind: 'paragraph', text: `说明：${note}` });
    lines.push({
      kind: 'paragraph',
      text: '请按上述要求一次补正全部内容后重新提交。补正的申请材料齐全、符合法定形式的，本机关将予以受理。',
    });
    details = { items, ...(note ? { note } : {}) };
  }
  lines.push(query);

  return {
    kind,
    title: NOTICE_TITLES[kind],
    documentNo: `${DOCUMENT_PREFIX[kind]}〔${decisionDate.slice(0, 4)}〕${record.number}号`,
    issuer: { department: source.issuer.department, name: source.issuer.name, centre: SERVICE_CENTRE },
    caseId: record.id,
    caseNumber: record.number,
    caseUrl: source.caseUrl,
    applicant: {
      type: enterprise ? 'enterprise' : 'citizen',
      name: source.applicantName,
      identifierLabel: enterprise ? '统一社会信用代码' : '公民身份号码',
      // An ID number is personal: masked (first three, last four), as on licences; a 统一社会信用代码 is public.
      identifier: enterprise ? identifier : maskIdNumber(identifier),
    },
    matter: { code: record.matterCode, name: matter.name, kind: record.kind ?? 'matter' },
    ...(submittedOn ? { submittedOn } : {}),
    decidedAt: decision.at,
    decisionDate,
    legalBasis: LEGAL_BASIS,
    ...details,
    salutation: `${source.applicantName}：`,
    lines,
    closing: [source.issuer.name, chineseDay(decisionDate)],
  };
}
