import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { principalSchema, ROLES } from '../../shared/auth/principal';
import { LocalIdentityProvider } from './identity';

/** `npm run -s token -- --role <role> ...`: prints a JWT that the local cloud accepts. */
const HELP = `Usage: npm run -s token -- --role <${ROLES.join('|')}> [--sub S] [--dept D] [--region R|*] [--hall H]
                          [--id-number N | --uscc U] [--name NAME] [--delegations "PSB:* TAX:MATTER"]
                          [--ttl SECONDS] [--data-dir .local]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      dept: { type: 'string' },
      region: { type: 'string' },
      hall: { type: 'string' },
      'id-number': { type: 'string' },
      uscc: { type: 'string' },
      name: { type: 'string' },
      delegations: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      'data-dir': { type: 'string', default: process.env.LOCAL_DATA_DIR ?? '.local' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.role) {
    console.error(HELP);
    process.exit(values.help ? 0 : 2);
  }
  const principal = principalSchema.safeParse({
    role: values.role,
    sub: values.sub ?? `${values.role}-local`,
    department: values.dept,
    // Staff reach regions: without --region a local staff token covers every region (`*`), explicitly.
    region: values.region ?? (['window', 'supervisor', 'admin'].includes(values.role) ? '*' : undefined),
    hall: values.hall,
    idNumber: values['id-number'],
    uscc: values.uscc,
    name: values.name,
    delegations: values.delegations?.split(/\s+/).filter(Boolean),
  });
  if (!principal.success) {
    console.error(
      `Cannot issue this token: ${principal.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('; ')}`,
    );
    process.exit(2);
  }
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error('--ttl must be a positive number of seconds');
  const identity = await LocalIdentityProvider.open(join(resolve(values['data-dir']), 'identity', 'signing-key.json'));
  console.log(await identity.issue(principal.data, { ttlSeconds }));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
