import { secretStoreFor } from '../../shared/adapters/secret-stores';
import type { LocalCloud } from './cloud';
import { call } from './http-client';
import { startSimulatedDepartment, type SimulatedDepartment } from './simulated-department';

/**
 * The demo departments' own systems on this machine, so a case runs end to end the three ways departments take
 * part: SAMR through signed webhooks and callbacks (a simulated system that approves after a few seconds), URBAN
 * through the exchange folder, the others through the to-do API. An endpoint an operator set elsewhere is kept.
 */
export async function connectDemoDepartments(
  cloud: LocalCloud,
  options: { approveAfterMs: number },
): Promise<SimulatedDepartment | undefined> {
  const admin = await cloud.issueToken({ sub: 'local-operator', role: 'admin' });
  if ((await call(cloud.baseUrl, 'GET', '/admin/integrations/URBAN', admin)).status === 404)
    await call(cloud.baseUrl, 'PUT', '/admin/integrations/URBAN', admin, { mode: 'exchange' });

  const existing = await call(cloud.baseUrl, 'GET', '/admin/integrations/SAMR', admin);
  if (existing.status === 200 && !String(existing.json.endpoint ?? '').startsWith('http://127.0.0.1')) return undefined;
  let secret = (await secretStoreFor(process.env.PLATFORM_SECRETS_PREFIX!).get('SAMR'))?.current;
  if (!secret) {
    // The first configuration creates the secret (shown once); the endpoint follows when the system is up.
    const created = await call(cloud.baseUrl, 'PUT', '/admin/integrations/SAMR', admin, {
      mode: 'webhook',
      endpoint: 'http://127.0.0.1:9/',
    });
    secret = created.json.secret as string;
  }
  const department = await startSimulatedDepartment({
    port: 0,
    secret,
    behaviour: { mode: 'approve-after', delayMs: options.approveAfterMs },
  });
  const connected = await call(cloud.baseUrl, 'PUT', '/admin/integrations/SAMR', admin, {
    mode: 'webhook',
    endpoint: department.url,
  });
  if (connected.status !== 200)
    throw new Error(`Could not connect SAMR's simulated system: ${JSON.stringify(connected.json)}`);
  return department;
}
