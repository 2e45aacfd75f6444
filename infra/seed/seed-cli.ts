import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoCatalogueStore } from '../../shared/adapters/dynamo-catalogue-store';
import { seedCatalogue } from '../../shared/domain/catalogue/seed';
import { dynamoAppointmentStore } from '../../shared/adapters/dynamo-appointment-store';
import { DEMO_HALLS, seedHalls } from '../../shared/domain/appointments/demo-halls';
import { loadStageConfig } from '../stage-config';
import { DEMO_CATALOGUE } from './demo-catalogue';

/**
 * `npm run seed -- --stage dev`: loads the demo catalogue and service halls into a deployed stage's table (AWS credentials from the
 * usual chain). Entries that exist are left alone. The local cloud seeds itself on first start.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stage: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } },
  });
  const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;
  const config = values.stage ? loadStageConfig(context.stages, values.stage) : undefined;
  const table = values.table ?? (config ? `${config.prefix}-main` : undefined);
  const region = values.region ?? config?.region;
  if (!table) throw new Error('Usage: npm run seed -- --stage <dev|staging|prod>   (or --table NAME --region REGION)');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const { created } = await seedCatalogue(DEMO_CATALOGUE, {
    store: dynamoCatalogueStore(client, table),
    now: () => new Date(),
  });
  console.log(created.length ? `Seeded ${table}: ${created.join(', ')}` : `${table} already holds the demo catalogue`);
  const halls = await seedHalls(
    dynamoAppointmentStore(client, table, () => new Date()),
    DEMO_HALLS,
  );
  console.log(
    halls.created.length ? `Seeded the service halls: ${halls.created.join(', ')}` : 'The demo service halls are there',
  );
}

main().catch((error: Error) => {
  console.error(`Seeding failed: ${error.message}`);
  process.exit(1);
});
