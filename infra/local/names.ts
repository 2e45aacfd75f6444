import type { Topology } from '../topology-model';

/** Names and ARNs of the local cloud's resources; account and region are fixed and fake. */
export const LOCAL = {
  region: 'cn-north-1',
  account: '000000000000',
  prefix: 'one-stop-local',
  busName: 'one-stop-local-bus',
} as const;

export const localTableName = (name: string) => `${LOCAL.prefix}-${name}`;
export const localBucketName = (name: string) => `${LOCAL.prefix}-${name}`;
export const localFunctionName = (name: string) => `${LOCAL.prefix}-${name}`;
export const localFunctionArn = (name: string) =>
  `arn:aws:lambda:${LOCAL.region}:${LOCAL.account}:function:${localFunctionName(name)}`;
export const localStateMachineArn = (name: string) =>
  `arn:aws:states:${LOCAL.region}:${LOCAL.account}:stateMachine:${LOCAL.prefix}-${name}`;
export const localBusArn = () => `arn:aws:events:${LOCAL.region}:${LOCAL.account}:event-bus/${LOCAL.busName}`;

/** Finds the topology function that a FunctionName parameter (name, ARN, or ARN with a qualifier) refers to. */
export function functionFromReference(topology: Topology, reference: string): string | undefined {
  const name = reference.startsWith('arn:') ? reference.split(':')[6] : reference;
  return Object.keys(topology.functions).find((f) => localFunctionName(f) === name || f === name);
}
