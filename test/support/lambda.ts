import type { Context } from 'aws-lambda';

/** A minimal Lambda context for calling handlers directly in unit tests. */
export function lambdaContext(awsRequestId = 'r1'): Context {
  return {
    awsRequestId,
    functionName: 'f',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/f',
    logStreamName: '2026/03/02/[$LATEST]abc',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 1000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
