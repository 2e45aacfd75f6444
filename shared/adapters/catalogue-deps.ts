import * as z from 'zod';
import { compressionRuleFromEnv } from '../config/compression-rule';
import { parseEnv } from '../config/env';
import type { CatalogueDeps } from '../domain/catalogue/ports';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import { mainTable } from './main-table';
import { withForms } from './catalogue-forms';

/** The public catalogue's one dependency: the published catalogue, cached until its revision moves. */
export function publishedCatalogueDeps(): { reader: ReturnType<typeof withForms> } {
  const env = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
  return { reader: withForms(mainTable(env.MAIN_TABLE_NAME)) };
}

/**
 * The catalogue administration's dependencies, built once per container: the store itself (drafts and every
 * version, not the published reader), the clock, and the region's compression rule, a stage setting
 * (COMPRESSION_RULE_*; absent, a warning at 50 %).
 */
export function catalogueAdminDeps(): CatalogueDeps {
  const env = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
  const { documents, now } = mainTable(env.MAIN_TABLE_NAME);
  const store = dynamoCatalogueStore(documents, env.MAIN_TABLE_NAME);
  return { store, now, compressionRule: compressionRuleFromEnv() };
}
