import type { WorkflowEngine } from '../../../shared/domain/workflow/ports';

export type EngineAnswer =
  | { readonly token: string; readonly outcome: 'success'; readonly output: unknown }
  | { readonly token: string; readonly outcome: 'failure'; readonly error: string; readonly cause: string };

/**
 * The workflow engine port (Step Functions' task tokens) in memory: it records every answer, and answers 'gone'
 * for a token already answered or one a test marks as no longer waiting (timed out, re-opened with another token).
 */
export class RecordingWorkflowEngine implements WorkflowEngine {
  readonly answers: EngineAnswer[] = [];
  readonly #gone = new Set<string>();

  /** The token no longer waits (its wait timed out or was re-opened). */
  expire(token: string): void {
    this.#gone.add(token);
  }

  async taskSuccess(token: string, output: unknown): Promise<'done' | 'gone'> {
    if (this.#gone.has(token)) return 'gone';
    this.#gone.add(token);
    this.answers.push({ token, outcome: 'success', output });
    return 'done';
  }

  async taskFailure(token: string, error: string, cause: string): Promise<'done' | 'gone'> {
    if (this.#gone.has(token)) return 'gone';
    this.#gone.add(token);
    this.answers.push({ token, outcome: 'failure', error, cause });
    return 'done';
  }
}
