import type { TaskWebhookPayload } from '../../contracts/integration';
import type { DeliverySchedule } from '../../webhooks/delivery-schedule';
import type { ApplicationDeps } from '../applications/ports';
import type { DomainError } from '../errors';
import type { CallbackRecord, DepartmentSecrets, IntegrationConfig, WebhookDelivery } from './model';

export interface IntegrationStore {
  /** `consistent` for an administrator reading back what they saved; routing a task reads it eventually consistent. */
  getConfig(department: string, options?: { consistent?: boolean }): Promise<IntegrationConfig | undefined>;
  /** The configs of these departments that have one, in one batched read. */
  getConfigs(departments: readonly string[]): Promise<IntegrationConfig[]>;
  putConfig(config: IntegrationConfig): Promise<void>;
  /** false when a webhook delivery with this id exists (the event was handled before). */
  createDelivery(delivery: WebhookDelivery): Promise<boolean>;
  getDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** Conditional on `before.version`; ConcurrentChangeError otherwise. */
  updateDelivery(change: { before: WebhookDelivery; after: WebhookDelivery }): Promise<void>;
  listDeliveries(
    department: string,
    status: WebhookDelivery['status'],
    limit: number,
    cursor?: string,
  ): Promise<{ items: WebhookDelivery[]; nextCursor?: string }>;
  /** Pending webhook deliveries whose next attempt is due, the earliest first. */
  listDueRetries(now: string, limit: number): Promise<WebhookDelivery[]>;
  getCallback(department: string, callbackId: string): Promise<CallbackRecord | undefined>;
  /** false when the callback id was recorded already. */
  putCallback(record: CallbackRecord): Promise<boolean>;
}

export interface SecretStore {
  /** `fresh` skips any cache: after a rotation another container may still hold the old secrets. */
  get(department: string, options?: { fresh?: boolean }): Promise<DepartmentSecrets | undefined>;
  put(department: string, secrets: DepartmentSecrets): Promise<void>;
}

/** Sends a POST; throws on a network error or timeout (the attempt then failed without a status). */
export interface WebhookTransport {
  post(
    url: string,
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
  ): Promise<{ status: number; body: string }>;
}

export interface MaterialLinks {
  links(caseId: string, expiresInSeconds: number): Promise<TaskWebhookPayload['materials']>;
}

export interface IntegrationDeps {
  readonly app: ApplicationDeps;
  readonly store: IntegrationStore;
  /** The catalogue's departments (code and name), for the administrators' overview. */
  readonly departments: () => Promise<readonly { readonly code: string; readonly name: string }[]>;
  readonly secrets: SecretStore;
  readonly transport: WebhookTransport;
  readonly materials: MaterialLinks;
  /** The public API's base URL, for the callback URL in each webhook. */
  readonly publicApiUrl: string;
  /** Deployed stages refuse plain HTTP endpoints; the local cloud allows loopback ones. */
  readonly allowLoopbackHttp: boolean;
  readonly schedule?: DeliverySchedule;
  readonly random?: () => number;
  readonly log: {
    error(message: string, data: Record<string, unknown>): void;
    info(message: string, data: Record<string, unknown>): void;
  };
  /**
   * The status a refused decision is answered, and remembered, with: the HTTP layer's table
   * (shared/lambda/error-response.ts), passed in by the adapter that builds these dependencies.
   */
  readonly refusalStatus: (error: DomainError) => number;
}

/** An object in the exchange folder, as listed. */
export interface ExchangeObject {
  readonly key: string;
  readonly size: number;
}

/** The exchange folder (文件交换): the department's inbox and outbox of signed files. */
export interface ExchangeFolder {
  /** Up to `limit` objects under `prefix`, in key order, with their sizes as listed. */
  list(prefix: string, limit: number): Promise<ExchangeObject[]>;
  read(key: string): Promise<string>;
  /** The object's bytes, or 'too-large' without reading more than maxBytes + 1 of them. */
  readBytes(key: string, maxBytes: number): Promise<Uint8Array | 'too-large'>;
  write(key: string, body: string): Promise<void>;
  move(from: string, to: string): Promise<void>;
  /** Copies a case file from the attachments bucket into the folder. */
  copyAttachment(attachmentKey: string, to: string): Promise<void>;
}
