import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { CatalogueStore } from '../domain/catalogue/ports';
import { NotFoundError } from '../domain/errors';
import type { Bilingual } from '../domain/messaging/model';
import { DEFAULT_WARNING_WORKING_DAYS } from '../domain/supervision/levels';
import type { MessageStore, NameLookup, NotifyDeps } from '../domain/messaging/ports';
import { logger } from '../lambda/logger';
import { dynamoAppointmentStore } from './dynamo-appointment-store';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import { dynamoMessageStore } from './dynamo-message-store';
import { mainTable } from './main-table';
import { emailSenderFrom, parseEmailChannel, parseSmsChannel, smsSenderFrom } from './message-channels';

/**
 * Messaging's dependencies, built once per container from MAIN_TABLE_NAME, SMS_CHANNEL and EMAIL_CHANNEL (both
 * `none` when unset: the inbox alone). A malformed channel stops the function at its cold start, naming the variable.
 */
export interface MessagingApiDeps {
  readonly store: MessageStore;
  readonly catalogue: Pick<CatalogueStore, 'getDepartment'>;
  readonly now: () => Date;
}

const channel = (parse: (v: string | undefined) => unknown) =>
  z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    });

function baseDeps() {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    SMS_CHANNEL: channel(parseSmsChannel),
    EMAIL_CHANNEL: channel(parseEmailChannel),
    /** Supervision's yellow: new work within this many working days of its due date is told as urgent. */
    WARNING_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(DEFAULT_WARNING_WORKING_DAYS),
  });
  const table = mainTable(env.MAIN_TABLE_NAME);
  const { documents, now } = table;
  return {
    env,
    table,
    now,
    store: dynamoMessageStore(documents, env.MAIN_TABLE_NAME),
    catalogue: dynamoCatalogueStore(documents, env.MAIN_TABLE_NAME),
  };
}

/** The HTTP function's: the inbox, contacts, and the catalogue to check a department exists. */
export function messagingApiDeps(): MessagingApiDeps {
  const { store, catalogue, now } = baseDeps();
  return { store, catalogue, now };
}

/** The consumer's: the store, the catalogue's names, the cases (for licence events) and the channels. */
export function notifyDeps(): NotifyDeps {
  const { env, table, now, store } = baseDeps();
  const log = (message: string, attributes: Record<string, string>) => logger.info(message, attributes);
  const { catalogue: reader, cases } = table;
  const halls = dynamoAppointmentStore(table.documents, env.MAIN_TABLE_NAME, now);
  const names: NameLookup = {
    async matterName(code) {
      // A bundle case's code names a bundle (一件事); a code the catalogue no longer publishes shows as itself.
      for (const read of [() => reader.matter(code), () => reader.bundle(code)]) {
        try {
          const { content } = await read();
          return { zh: content.name, en: content.nameEn ?? content.name };
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
        }
      }
      return undefined;
    },
    async departmentNames() {
      return new Map(
        (await reader.departments()).map((d): [string, Bilingual] => [d.code, { zh: d.name, en: d.nameEn ?? d.name }]),
      );
    },
    async licenceTypeNames() {
      return new Map(
        (await reader.licenceTypes()).map((l): [string, Bilingual] => [l.code, { zh: l.name, en: l.nameEn ?? l.name }]),
      );
    },
    async hall(id) {
      const hall = await halls.getHall(id);
      return hall ? { name: hall.name, address: hall.address } : undefined;
    },
  };
  const sms = smsSenderFrom(parseSmsChannel(env.SMS_CHANNEL), log, now);
  const email = emailSenderFrom(parseEmailChannel(env.EMAIL_CHANNEL), log, now);
  return {
    store,
    names,
    async caseFacts(caseId) {
      const record = await cases.get(caseId);
      return record
        ? { applicantSub: record.applicant.sub, caseNumber: record.number, matterCode: record.matterCode }
        : undefined;
    },
    ...(sms ? { sms } : {}),
    ...(email ? { email } : {}),
    deadlines: { calendar: table.calendar, warningDays: env.WARNING_WORKING_DAYS },
    now,
  };
}
