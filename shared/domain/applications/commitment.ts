import { createHash } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { ConflictError, RuleViolationError, ValidationError } from '../errors';
import { actorOf, apply } from './changes';
import { requireActingOwner } from './load';
import type { ApplicationDeps } from './ports';
import type { CaseRecord } from './model';
import { templateOfCase } from './template';

/**
 * 告知承诺制 (Guangzhou's regulation, seed 000: 以书面形式承诺…应当直接作出决定): instead of some materials, the
 * applicant confirms a written commitment whose text the matter publishes. The case records the text, the matter
 * version it belongs to, when and by whom, and its SHA-256 in the history; the departments then decide without
 * those materials, and a post-check follows the decision (workflow/post-check.ts).
 */
export const commitmentTextHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface CommitmentInput {
  /** The materials the commitment replaces; none withdraws an earlier commitment. */
  readonly materials: readonly string[];
  /** Must be true: the applicant read the text and commits to it. */
  readonly accepted?: boolean;
  /** The SHA-256 of the text the applicant read, so a text changed meanwhile is not committed to unread. */
  readonly textHash?: string;
}

export async function makeCommitment(
  id: string,
  input: CommitmentInput,
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  if (record.status !== 'DRAFT' && record.status !== 'CORRECTION_REQUESTED')
    throw new ConflictError(
      `Case ${record.number} is ${record.status}: a commitment is made before submission or while correcting`,
    );
  const template = await templateOfCase(deps.matters, record);
  const offered = template.matter?.flags.commitmentAllowed ? template.matter.commitment : undefined;
  const actor = actorOf(principal);
  if (input.materials.length === 0) {
    if (!record.commitment) return record;
    return apply(
      record,
      [
        {
          action: 'commitment-withdrawn',
          actor,
          data: { materials: [...record.commitment.materials] },
          patch: { commitment: undefined },
        },
      ],
      deps,
    );
  }
  if (!offered) {
    throw new RuleViolationError(`${template.name} does not offer 告知承诺`, [
      {
        path: 'body.materials',
        rule: 'commitment-allowed',
        message: `${record.matterCode} takes no commitment in place of materials`,
        messageZh: '本事项不实行告知承诺制',
      },
    ]);
  }
  const problems = input.materials.flatMap((code, i) =>
    offered.materials.includes(code)
      ? []
      : [
          {
            path: `body.materials.${i}`,
            rule: 'commitment-replaceable',
            message: `${code} may not be replaced by a commitment (only ${offered.materials.join(', ')})`,
            messageZh: `材料 ${code} 不可以承诺代替`,
          },
        ],
  );
  if (new Set(input.materials).size !== input.materials.length)
    problems.push({
      path: 'body.materials',
      rule: 'unique',
      message: 'a material is listed twice',
      messageZh: '材料重复',
    });
  if (problems.length > 0)
    throw new RuleViolationError('A commitment may replace only the materials the matter lists for it', problems);
  if (input.accepted !== true)
    throw new ValidationError('Read the commitment and confirm it', [
      {
        path: 'body.accepted',
        rule: 'required',
        message: 'the applicant must confirm the commitment',
        messageZh: '请阅读承诺书并确认承诺',
      },
    ]);
  const hash = commitmentTextHash(offered.text);
  if (input.textHash !== hash) {
    throw new ValidationError('The commitment text differs from the one published with this version; read it again', [
      {
        path: 'body.textHash',
        rule: 'current-text',
        message: 'not the hash of the published text',
        messageZh: '承诺书内容已更新，请重新阅读后确认',
      },
    ]);
  }
  const at = deps.now().toISOString();
  const commitment = {
    materials: [...input.materials],
    text: offered.text,
    textHash: hash,
    matterVersion: record.matterVersion,
    at,
    by: principal.sub,
  };
  return apply(
    record,
    [
      {
        action: 'commitment-made',
        actor,
        data: { materials: commitment.materials, textHash: hash, matterVersion: record.matterVersion },
        patch: { commitment },
      },
    ],
    deps,
  );
}
