import type { CaseStatus } from './case';

/** The channels a case can come in by; today cases are made online or at the window (DOMAIN §8 counts them apart). */
export const CASE_CHANNELS = ['online', 'window'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** An uploaded file that passed the platform's checks (type by magic bytes, size, checksum). */
export interface StoredFile {
  readonly uploadId: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

export interface MaterialRecord {
  readonly files: readonly StoredFile[];
  /** 免证: a licence of the type the matter accepts instead of an upload; checked against the licence register. */
  readonly licenceNo?: string;
}

export interface CorrectionItem {
  readonly target: 'material' | 'field';
  readonly code: string;
  readonly message: string;
}

/** The current state of a case (its projection); the history is the record of how it got there. */
export interface CaseRecord {
  readonly id: string;
  readonly number: string;
  readonly matterCode: string;
  readonly matterVersion: number;
  readonly regionCode: string;
  readonly department: string;
  /** How the case came in: online (the applicant's own client), or registered at the window for a walk-in (窗口收件). */
  readonly channel: CaseChannel;
  readonly status: CaseStatus;
  /** Sequence number of the last history entry (optimistic concurrency) and its hash (the chain's head). */
  readonly seq: number;
  readonly lastHash: string;
  readonly ownerKey: string;
  /**
   * `sub` is the applicant's own subject, also when an agent started the case (from the authorisation); a walk-in's
   * is `walk-in:<case id>` (the person at the counter may have no online account: they find the case by their
   * identity, ownerKey). `name` as identified at the window or carried by the token; `mobile` as given at the
   * counter (personal data: never in events or logs).
   */
  readonly applicant: {
    readonly type: 'citizen' | 'enterprise';
    readonly sub: string;
    readonly name?: string;
    readonly mobile?: string;
  };
  readonly agentSub?: string;
  /** 窗口收件: the window officer who registered a walk-in case; they act for the applicant while it is a draft or awaits correction. */
  readonly intakeOfficerSub?: string;
  /** 窗口收件: the hall (办事大厅) where it was registered, when the officer's token names one; windows of that hall reach it. */
  readonly hallId?: string;
  readonly form: Record<string, unknown>;
  readonly materials: Readonly<Record<string, MaterialRecord>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt?: string;
  readonly acceptanceDue?: string;
  /** The acceptance deadline reaches a year whose holiday notice is not loaded: counted Monday to Friday there for now. */
  readonly acceptanceDueProvisional?: boolean;
  readonly acceptedAt?: string;
  readonly tolerated?: readonly string[];
  /**
   * 告知承诺制: the applicant's written commitment in place of these materials: the text as read (the pinned matter
   * version's), its SHA-256, when and by whom it was confirmed.
   */
  readonly commitment?: {
    readonly materials: readonly string[];
    readonly text: string;
    readonly textHash: string;
    readonly matterVersion: number;
    readonly at: string;
    readonly by: string;
  };
  /** 即办件: decided on the spot by a window officer under these departments' delegation; their tasks open approved. */
  readonly onTheSpot?: {
    readonly by: string;
    readonly byName?: string;
    readonly at: string;
    readonly departments: readonly string[];
  };
  readonly corrections?: readonly CorrectionItem[];
  /** 即办件 (its matter is promised in 0 working days), set at acceptance. */
  readonly immediate?: boolean;
  /** Departments that review the case (from the pinned procedure), set at acceptance. */
  readonly departments?: readonly string[];
  /** A case for one matter, or a bundle case (一件事) whose member cases run the members' matters. */
  readonly kind?: 'matter' | 'bundle';
  /** A bundle case pins its members' matter versions as well as its own. */
  readonly memberVersions?: Readonly<Record<string, number>>;
  /** The departmental review: its deadline (working days from acceptance), pauses and the one extension. */
  readonly review?: ReviewState;
  /** A bundle case's members, wave by wave. */
  readonly members?: readonly BundleMember[];
  /** A member case: its bundle case, and the token that resumes the bundle's workflow when this case completes. */
  readonly parent?: { readonly caseId: string; readonly bundleCode: string; readonly taskToken: string };
  /** The licence issued for this case (电子证照). */
  readonly licenceNo?: string;
  /** The outcome of the review: who decided what, and why. */
  readonly outcome?: CaseOutcome;
  /** 非税支付: the case's fee order, when its matter charges one (owned by shared/domain/payments). */
  readonly payment?: CasePayment;
  /** 统一出件: how the result reaches the applicant, and where it is (owned by shared/domain/delivery). */
  readonly delivery?: CaseDelivery;
  /** 好差评: the applicant's rating, once per case after completion. */
  readonly rating?: CaseRating;
  /** Drafts expire when abandoned (epoch seconds; DynamoDB TTL removes them, reads ignore them before that). */
  readonly expiresAt?: number;
}

/** An agent's written authorisation (委托书) to act for a citizen or an enterprise. */
export interface Authorisation {
  readonly principalKey: string;
  readonly principalSub: string;
  readonly agentSub: string;
  /** Matter codes, or ['*'] for all. */
  readonly matters: readonly string[];
  readonly until: string;
  readonly createdAt: string;
}

/** A pending upload slot, between the presigned POST and its confirmation. */
export interface PendingUpload {
  readonly caseId: string;
  readonly uploadId: string;
  readonly material: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
}

/** The clock of the review (后台审批时限), in Asia/Shanghai dates and working days. */
export interface ReviewState {
  readonly startedAt: string;
  /** The day of acceptance: not counted (行政许可法 art. 82). */
  readonly startDate: string;
  readonly limitDays: number;
  /** The current deadline: start + limit + paused working days + the granted extension. */
  readonly dueDate: string;
  /** The deadline reaches a year whose holiday notice is not loaded: counted Monday to Friday there until it is. */
  readonly provisional?: boolean;
  /** Working days not counted so far: special procedures (art. 45) and time with the applicant. */
  readonly pausedDays: number;
  /** An open pause: since when, and what holds it (task ids); it ends when the last holder resumes. */
  readonly pause?: { readonly since: string; readonly heldBy: readonly string[] };
  /** 延期 (art. 42): once per case, asked by a department, approved by a window or a supervisor. */
  readonly extension?: Extension;
}

export interface Extension {
  readonly status: 'requested' | 'granted' | 'denied';
  readonly days: number;
  readonly reason: string;
  readonly taskId: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly decisionNote?: string;
}

export interface CaseOutcome {
  readonly decision: 'approved' | 'rejected';
  readonly decidedAt: string;
  readonly tasks: readonly {
    readonly taskId: string;
    readonly department: string;
    readonly status: string;
    readonly reason?: string;
    readonly result?: Record<string, unknown>;
  }[];
  /** Merged results of the approving departments (what the licence will carry). */
  readonly result?: Record<string, unknown>;
  /** A bundle's members and their states when the bundle completed. */
  readonly members?: readonly BundleMember[];
  /** 告知承诺制: approved on the applicant's written commitment in place of some materials; a post-check follows. */
  readonly onCommitment?: boolean;
}

/** One member matter of a bundle case, and the case that runs it. */
export interface BundleMember {
  readonly matterCode: string;
  readonly wave: number;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly status: 'PENDING' | 'RUNNING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'NOT_STARTED';
  readonly reason?: string;
  readonly result?: Record<string, unknown>;
}

/** 好差评: 1 to 5 on ability (能力), attitude (态度) and effect (效果); any score of 2 or less is a bad rating (差评). */
export interface CaseRating {
  readonly ability: number;
  readonly attitude: number;
  readonly effect: number;
  readonly comment?: string;
  readonly ratedAt: string;
  readonly bad: boolean;
  /** The rectification a bad rating opened (its id), and whether the department answered. */
  readonly rectificationId?: string;
}

/** The fee order of a case (non-tax payment); amounts in fen (分) so no float rounding ever reaches money. */
export interface CasePayment {
  readonly orderId: string;
  readonly status: 'AWAITING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'REFUNDING' | 'REFUNDED';
  readonly amountFen: number;
  readonly provider: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly paidAt?: string;
  readonly refundedAt?: string;
  /** The procedure's token that waits for the payment before issuance. */
  readonly taskToken?: string;
  /** 1 for the order made at acceptance, one more for each renewal after it expired or failed. */
  readonly attempt?: number;
  /** The refund of this order, once one was asked for (its id de-duplicates it at the provider). */
  readonly refundId?: string;
}

/** How the result reaches the applicant (window pickup or post), and where it is. */
export interface CaseDelivery {
  readonly method: 'window' | 'post';
  readonly status: 'CHOSEN' | 'READY_FOR_PICKUP' | 'SHIPPED' | 'IN_TRANSIT' | 'DELIVERED' | 'RETURNED';
  readonly chosenAt: string;
  /** Post only: where to (personal data: never in events or logs). */
  readonly address?: PostalAddress;
  readonly courier?: string;
  readonly trackingNo?: string;
  /** The 10-working-day rule counts from the decision to 送达. */
  readonly decidedAt?: string;
  readonly dueDate?: string;
  /** The due date reaches a year whose holiday notice is not loaded: counted Monday to Friday there for now (calendar/redate.ts). */
  readonly dueProvisional?: boolean;
  /** When the result was dispatched: ready at the window, or handed to the courier. */
  readonly dispatchedAt?: string;
  /** Post only: the courier's statuses applied so far, at the courier's times. */
  readonly tracking?: readonly TrackingStep[];
  readonly deliveredAt?: string;
  /** Window only: the officer who handed the result over, and who received it (personal data: never in events or logs). */
  readonly confirmedBy?: string;
  readonly receivedBy?: string;
  /** Window only: the ID number of who received it, when recorded (shown masked; never in events, history or logs). */
  readonly receiverIdNumber?: string;
  /** 一窗出件: handed over together with the other results of this bundle case. */
  readonly bundleCaseId?: string;
}

/** One courier status as applied to the case. */
export interface TrackingStep {
  readonly status: 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'RETURNED';
  readonly at: string;
}

export interface PostalAddress {
  readonly recipient: string;
  readonly phone: string;
  /** 6-digit administrative division code of the district (区县). */
  readonly regionCode: string;
  readonly street: string;
  readonly postcode: string;
}
