import { matchesEventPattern, validateEventPattern, type EventPattern } from '../../infra/local/event-pattern';

// Example events and patterns are copied from the AWS EventBridge User Guide:
//   [patterns]  "Amazon EventBridge event patterns" (eb-event-patterns.html, incl. "Example events and event patterns")
//   [null]      "Matching null values and empty strings in Amazon EventBridge event patterns" (eb-event-patterns-null-values.html)
//   [arrays]    "Arrays in Amazon EventBridge event patterns" (eb-event-patterns-arrays.html)
//   [content]   "Content filtering in Amazon EventBridge event patterns" (eb-event-patterns-content-based-filtering.html)
//               and "Comparison operators for use in event patterns" (eb-create-pattern-operators.html)
//   [ruler]     README of aws/event-ruler, the matching library behind EventBridge (source of the
//               "c-count": 5 example event, and of the array and $or examples the [content] page repeats)

/** A deep copy of `event` with `detail` replaced. */
function withDetail(event: Record<string, unknown>, detail: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(event), detail };
}

// [patterns]
const ec2TerminatedEvent = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

// [patterns] and [null]
const autoScalingLaunchEvent = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

// [patterns] "Value matching" (truncated Macie alert, as in the guide)
const macieAlertEvent = {
  version: '0',
  id: '3e355723-fca9-4de3-9fd7-154c289d6b59',
  'detail-type': 'Macie Alert',
  source: 'aws.macie',
  account: '123456789012',
  time: '2017-04-24T22:28:49Z',
  region: 'us-east-1',
  resources: [
    'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_id',
    'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id',
  ],
  detail: {
    'notification-type': 'ALERT_CREATED',
    name: 'Scanning bucket policies',
    tags: ['Custom_Alert', 'Insider'],
    url: 'https://lb00.us-east-1.macie.aws.amazon.com/111122223333/posts/alert_id',
    'alert-arn': 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_',
    'risk-score': 80,
    trigger: {
      'rule-arn': 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id',
      'alert-type': 'basic',
      'created-at': '2017-01-02 19:54:00.644000',
      description: 'Alerting on failed enumeration of large number of bucket policies',
      risk: 8,
    },
    'created-at': '2017-04-18T00:21:12.059000',
  },
};

// [ruler] "Ruler by Example"
const rulerEvent = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

// [content] "Exists matching"
const ec2PendingEvent = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
};
const eventWithNonLeafCCount = {
  'detail-type': ['EC2 Instance State-change Notification'],
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
  detail: { 'c-count': { c1: 100 } },
};

describe('event structure, from "Amazon EventBridge event patterns"', () => {
  const terminatedPattern = {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    detail: { state: ['terminated'] },
  };

  it('matches the documented EC2 instance-termination event with the documented pattern', () => {
    expect(matchesEventPattern(terminatedPattern, ec2TerminatedEvent)).toBe(true);
  });

  it('does not match the same EC2 event when the instance state is different', () => {
    expect(matchesEventPattern(terminatedPattern, withDetail(ec2TerminatedEvent, { state: 'running' }))).toBe(false);
  });

  it('ignores event fields that the pattern does not name', () => {
    expect(matchesEventPattern({ source: ['aws.ec2'] }, ec2TerminatedEvent)).toBe(true);
  });

  it('requires every field the pattern names to be present in the event', () => {
    expect(
      matchesEventPattern(
        { ...terminatedPattern, detail: { state: ['terminated'], reason: ['x'] } },
        ec2TerminatedEvent,
      ),
    ).toBe(false);
  });

  it('requires fields to appear at the same nesting level as in the pattern', () => {
    expect(matchesEventPattern({ state: ['terminated'] }, ec2TerminatedEvent)).toBe(false);
  });

  it('treats the values in a pattern array as alternatives, such as aws.ec2 or aws.fargate', () => {
    expect(matchesEventPattern({ source: ['aws.ec2', 'aws.fargate'] }, ec2TerminatedEvent)).toBe(true);
    expect(matchesEventPattern({ source: ['aws.fargate', 'aws.ecs'] }, ec2TerminatedEvent)).toBe(false);
  });

  it('matches strings character by character, without case folding', () => {
    expect(matchesEventPattern({ detail: { state: ['Terminated'] } }, ec2TerminatedEvent)).toBe(false);
  });

  it('matches the Macie alert on a risk score of 80 and a trigger risk of 8', () => {
    const pattern = {
      source: ['aws.macie'],
      'detail-type': ['Macie Alert'],
      detail: { 'risk-score': [80], trigger: { risk: [8] } },
    };
    expect(matchesEventPattern(pattern, macieAlertEvent)).toBe(true);
    expect(
      matchesEventPattern({ ...pattern, detail: { 'risk-score': [80], trigger: { risk: [9] } } }, macieAlertEvent),
    ).toBe(false);
  });

  it('compares numbers by value, so 300 matches 300.0 and 3.0e2 but not 301 or the string "300"', () => {
    const pattern = { detail: { 'x-limit': [300] } };
    expect(matchesEventPattern(pattern, JSON.parse('{"detail": {"x-limit": 300.0}}'))).toBe(true);
    expect(matchesEventPattern(pattern, JSON.parse('{"detail": {"x-limit": 3.0e2}}'))).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { 'x-limit': 301 } })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { 'x-limit': '300' } })).toBe(false);
  });

  it('matches booleans exactly and does not confuse them with strings', () => {
    expect(matchesEventPattern({ detail: { enabled: [true] } }, { detail: { enabled: true } })).toBe(true);
    expect(matchesEventPattern({ detail: { enabled: [true] } }, { detail: { enabled: 'true' } })).toBe(false);
  });
});

describe('null values and empty strings, from "Matching null values and empty strings"', () => {
  it('matches responseElements: null with the documented [null] pattern', () => {
    const pattern = {
      source: ['aws.autoscaling'],
      'detail-type': ['EC2 Instance Launch Successful'],
      detail: { responseElements: [null] },
    };
    expect(matchesEventPattern(pattern, autoScalingLaunchEvent)).toBe(true);
  });

  it('matches eventVersion: "" with the documented [""] pattern', () => {
    expect(matchesEventPattern({ detail: { eventVersion: [''] } }, autoScalingLaunchEvent)).toBe(true);
  });

  it('does not treat null and the empty string as interchangeable', () => {
    expect(matchesEventPattern({ detail: { eventVersion: [null] } }, autoScalingLaunchEvent)).toBe(false);
    expect(matchesEventPattern({ detail: { responseElements: [''] } }, autoScalingLaunchEvent)).toBe(false);
  });

  it('does not match [null] against a field that is absent', () => {
    expect(matchesEventPattern({ detail: { requestParameters: [null] } }, autoScalingLaunchEvent)).toBe(false);
  });
});

describe('arrays, from "Arrays in Amazon EventBridge event patterns"', () => {
  const resourcesPattern = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };

  it('matches when the pattern array and the event array intersect', () => {
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matchesEventPattern(resourcesPattern, event)).toBe(true);
  });

  it('does not match when no element of the event array is in the pattern', () => {
    expect(matchesEventPattern(resourcesPattern, ec2TerminatedEvent)).toBe(false);
  });

  it('treats an empty event array as having no value, so even [null] does not match it', () => {
    expect(matchesEventPattern({ resources: [null] }, autoScalingLaunchEvent)).toBe(false);
    expect(matchesEventPattern({ resources: [{ exists: false }] }, autoScalingLaunchEvent)).toBe(true);
  });

  it('treats an empty array where objects are expected as having none of their fields', () => {
    const event = { detail: { attachments: [] } };
    expect(matchesEventPattern({ detail: { attachments: { kind: [{ exists: false }] } } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { attachments: { kind: [{ 'anything-but': 'x' }] } } }, event)).toBe(false);
  });

  // [ruler] "JSON Array Matching"
  const employees = {
    employees: [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ],
  };

  it('matches a field inside an array of objects when any element has it', () => {
    expect(matchesEventPattern({ employees: { firstName: ['Anna'] } }, employees)).toBe(true);
    expect(matchesEventPattern({ employees: { firstName: ['Maria'] } }, employees)).toBe(false);
  });

  it('requires all fields of a sub-pattern to match within the same array element', () => {
    expect(matchesEventPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, employees)).toBe(true);
    expect(matchesEventPattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, employees)).toBe(false);
  });
});

describe('prefix matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('matches a time field that starts with 2017-10-02', () => {
    const pattern = { time: [{ prefix: '2017-10-02' }] };
    expect(matchesEventPattern(pattern, rulerEvent)).toBe(true);
    expect(matchesEventPattern(pattern, ec2TerminatedEvent)).toBe(false);
  });

  it('selects Auto Scaling events from European regions with a region prefix of eu-', () => {
    const pattern = { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] };
    expect(matchesEventPattern(pattern, { ...autoScalingLaunchEvent, region: 'eu-west-1' })).toBe(true);
    expect(matchesEventPattern(pattern, autoScalingLaunchEvent)).toBe(false);
  });

  it('only applies to string values', () => {
    expect(matchesEventPattern({ detail: { 'c-count': [{ prefix: '5' }] } }, rulerEvent)).toBe(false);
  });

  it('with equals-ignore-case, matches a service starting with EventB in any casing', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    expect(matchesEventPattern(pattern, { detail: { service: 'eventbridge' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { service: 'EVENTBRIDGE' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { service: 'Events' } })).toBe(false);
  });
});

describe('suffix matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('matches a FileName ending with .png, case-sensitively', () => {
    const pattern = { FileName: [{ suffix: '.png' }] };
    expect(matchesEventPattern(pattern, { FileName: 'image.png' })).toBe(true);
    expect(matchesEventPattern(pattern, { FileName: 'image.PNG' })).toBe(false);
    expect(matchesEventPattern(pattern, { FileName: 'image.png.txt' })).toBe(false);
  });

  it('with equals-ignore-case, matches .png and .PNG but not other extensions', () => {
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(matchesEventPattern(pattern, { detail: { FileName: 'image.PNG' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { FileName: 'image.Png' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { FileName: 'image.jpg' } })).toBe(false);
  });

  it('matches the source aws.ec2 with the suffix ec2 ([ruler])', () => {
    expect(matchesEventPattern({ source: [{ suffix: 'ec2' }] }, rulerEvent)).toBe(true);
    expect(matchesEventPattern({ source: [{ suffix: 'ec3' }] }, rulerEvent)).toBe(false);
  });
});

describe('equals-ignore-case matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('matches the detail-type regardless of case', () => {
    const pattern = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] };
    expect(matchesEventPattern(pattern, ec2TerminatedEvent)).toBe(true);
  });

  it('still requires the whole value to be equal', () => {
    const pattern = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change' }] };
    expect(matchesEventPattern(pattern, ec2TerminatedEvent)).toBe(false);
  });

  it('matches Name "alice" against "Alice" but not "Alicia"', () => {
    const pattern = { Name: [{ 'equals-ignore-case': 'alice' }] };
    expect(matchesEventPattern(pattern, { Name: 'Alice' })).toBe(true);
    expect(matchesEventPattern(pattern, { Name: 'Alicia' })).toBe(false);
  });
});

describe('anything-but matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  const state = (value: unknown) => withDetail(rulerEvent, { ...rulerEvent.detail, state: value });
  const xLimit = (value: unknown) => withDetail(rulerEvent, { ...rulerEvent.detail, 'x-limit': value });

  it('with a string, matches any state except initializing', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matchesEventPattern(pattern, state('running'))).toBe(true);
    expect(matchesEventPattern(pattern, state('initializing'))).toBe(false);
  });

  it('with a number, matches any x-limit except 123', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };
    expect(matchesEventPattern(pattern, xLimit(301.8))).toBe(true);
    expect(matchesEventPattern(pattern, xLimit(123))).toBe(false);
  });

  it('with a list of strings, excludes stopped and overloaded', () => {
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(matchesEventPattern(pattern, state('running'))).toBe(true);
    expect(matchesEventPattern(pattern, state('stopped'))).toBe(false);
    expect(matchesEventPattern(pattern, state('overloaded'))).toBe(false);
  });

  it('with a list of numbers, excludes 100, 200 and 300', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    expect(matchesEventPattern(pattern, xLimit(301.8))).toBe(true);
    expect(matchesEventPattern(pattern, xLimit(200))).toBe(false);
  });

  it('with a prefix, matches any state that does not start with init', () => {
    const pattern = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };
    expect(matchesEventPattern(pattern, state('running'))).toBe(true);
    expect(matchesEventPattern(pattern, state('initializing'))).toBe(false);
  });

  it('with a suffix, matches any FileName that does not end with .png', () => {
    const pattern = { FileName: [{ 'anything-but': { suffix: '.png' } }] };
    expect(matchesEventPattern(pattern, { FileName: 'notes.txt' })).toBe(true);
    expect(matchesEventPattern(pattern, { FileName: 'image.png' })).toBe(false);
  });

  it('with equals-ignore-case, excludes Stopped and OverLoaded in any casing', () => {
    const pattern = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } };
    expect(matchesEventPattern(pattern, state('running'))).toBe(true);
    expect(matchesEventPattern(pattern, state('STOPPED'))).toBe(false);
    expect(matchesEventPattern(pattern, state('overloaded'))).toBe(false);
  });

  it('with a wildcard, matches any FilePath that does not include /lib/', () => {
    const pattern = { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] };
    expect(matchesEventPattern(pattern, { FilePath: 'usr/bin/node' })).toBe(true);
    expect(matchesEventPattern(pattern, { FilePath: 'usr/lib/node' })).toBe(false);
  });

  it('does not match an event that lacks the field altogether', () => {
    expect(matchesEventPattern({ detail: { status: [{ 'anything-but': 'initializing' }] } }, rulerEvent)).toBe(false);
  });

  it('matches values of another type, such as null, since they are not the excluded value', () => {
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, state(null))).toBe(true);
  });
});

describe('numeric matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  const numericPattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };
  const counts = (changes: Record<string, unknown>) => withDetail(rulerEvent, { ...rulerEvent.detail, ...changes });

  it('matches the "c-count": 5 example event, which satisfies every range', () => {
    expect(matchesEventPattern(numericPattern, rulerEvent)).toBe(true);
  });

  it.each([
    ['c-count is 0, not above 0', { 'c-count': 0 }],
    ['c-count is 5.5, above 5', { 'c-count': 5.5 }],
    ['d-count is 10, not below 10', { 'd-count': 10 }],
    ['x-limit is 301.9, not 3.018e2', { 'x-limit': 301.9 }],
    ['c-count is the string "5"', { 'c-count': '5' }],
  ])('does not match when %s', (_reason, changes) => {
    expect(matchesEventPattern(numericPattern, counts(changes))).toBe(false);
  });

  it('treats >= and < bounds as inclusive and exclusive respectively', () => {
    const pattern = { detail: { 'c-count': [{ numeric: ['>=', 5, '<', 6] }] } };
    expect(matchesEventPattern(pattern, counts({ 'c-count': 5 }))).toBe(true);
    expect(matchesEventPattern(pattern, counts({ 'c-count': 6 }))).toBe(false);
  });

  it('does not match numbers beyond the ±5e9 range numeric matching supports, such as account ids', () => {
    expect(
      matchesEventPattern({ detail: { account: [{ numeric: ['>', 0] }] } }, { detail: { account: 123456789012 } }),
    ).toBe(false);
  });
});

describe('IP address matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('matches 10.0.0.33 with 10.0.0.0/24 but not an address in the next /24', () => {
    const pattern = { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } };
    expect(matchesEventPattern(pattern, rulerEvent)).toBe(true);
    expect(matchesEventPattern(pattern, withDetail(rulerEvent, { 'source-ip': '10.0.1.33' }))).toBe(false);
  });

  it('matches IPv6 addresses, written in any valid form, against an IPv6 block', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } };
    expect(matchesEventPattern(pattern, { detail: { sourceIPAddress: '2001:0db8:85a3::8a2e:0370:7334' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { sourceIPAddress: '2001:db9::1' } })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { sourceIPAddress: '10.0.0.33' } })).toBe(false);
  });

  it('understands IPv6 addresses with an embedded IPv4 tail', () => {
    const pattern = { ip: [{ cidr: '::ffff:10.0.0.0/120' }] };
    expect(matchesEventPattern(pattern, { ip: '::ffff:10.0.0.7' })).toBe(true);
    expect(matchesEventPattern(pattern, { ip: '::ffff:10.0.1.7' })).toBe(false);
  });

  it('does not match values that are not IP address strings', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(matchesEventPattern(pattern, { detail: { sourceIPAddress: 123 } })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { sourceIPAddress: 'example.com' } })).toBe(false);
  });
});

describe('exists matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('exists: true matches the documented EC2 event that has detail.state', () => {
    expect(matchesEventPattern({ detail: { state: [{ exists: true }] } }, ec2PendingEvent)).toBe(true);
  });

  it('exists: true does not match the documented event without detail.state', () => {
    expect(matchesEventPattern({ detail: { state: [{ exists: true }] } }, eventWithNonLeafCCount)).toBe(false);
  });

  it('exists: false matches an event without detail.c-count and not one with it', () => {
    const pattern = { detail: { 'c-count': [{ exists: false }] } };
    expect(matchesEventPattern(pattern, ec2PendingEvent)).toBe(true);
    expect(matchesEventPattern(pattern, rulerEvent)).toBe(false);
  });

  it('only looks at leaf nodes, so an object-valued c-count counts as absent', () => {
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, eventWithNonLeafCCount)).toBe(true);
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: true }] } }, eventWithNonLeafCCount)).toBe(false);
  });

  it('exists: false matches when the parent objects are missing too', () => {
    const pattern = { detail: { level1: { level2: { level3: [{ exists: false }] } } } };
    expect(matchesEventPattern(pattern, { detail: { level1: 'l1 value' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { level1: { level2: { level3: 'l3 value' } } } })).toBe(false);
  });

  it('can be combined with other matchers as alternatives in one list', () => {
    const pattern = { detail: { state: [{ exists: false }, 'pending'] } };
    expect(matchesEventPattern(pattern, ec2PendingEvent)).toBe(true);
    expect(matchesEventPattern(pattern, ec2TerminatedEvent)).toBe(false);
  });
});

describe('wildcard matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('matches event bus ARNs in us-east-1 for any account', () => {
    const pattern = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(
      matchesEventPattern(pattern, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }),
    ).toBe(true);
    expect(
      matchesEventPattern(pattern, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' }),
    ).toBe(false);
  });

  it('matches any .png file in the folder dir', () => {
    const pattern = { FileName: [{ wildcard: 'dir/*.png' }] };
    expect(matchesEventPattern(pattern, { FileName: 'dir/image.png' })).toBe(true);
    expect(matchesEventPattern(pattern, { FileName: 'dir/image.jpg' })).toBe(false);
    expect(matchesEventPattern(pattern, { FileName: 'other/image.png' })).toBe(false);
  });

  it('lets * stand for no characters at all ([ruler] Simple*Service)', () => {
    const pattern = { source: [{ wildcard: 'Simple*Service' }] };
    expect(matchesEventPattern(pattern, { source: 'SimpleService' })).toBe(true);
    expect(matchesEventPattern(pattern, { source: 'SimpleQueueService' })).toBe(true);
    expect(matchesEventPattern(pattern, { source: 'SimpleServices' })).toBe(false);
  });

  it('treats \\* as a literal asterisk and \\\\ as a literal backslash', () => {
    expect(matchesEventPattern({ v: [{ wildcard: 'a\\*b' }] }, { v: 'a*b' })).toBe(true);
    expect(matchesEventPattern({ v: [{ wildcard: 'a\\*b' }] }, { v: 'axb' })).toBe(false);
    expect(matchesEventPattern({ v: [{ wildcard: 'a\\\\b' }] }, { v: 'a\\b' })).toBe(true);
  });

  it('treats regular-expression characters in the pattern literally', () => {
    const pattern = { v: [{ wildcard: 'file.(1)*' }] };
    expect(matchesEventPattern(pattern, { v: 'file.(1).txt' })).toBe(true);
    expect(matchesEventPattern(pattern, { v: 'fileX(1).txt' })).toBe(false);
  });
});

describe('$or matching, from "Content filtering in Amazon EventBridge event patterns"', () => {
  it('matches when any one of the c-count, d-count or x-limit conditions holds', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matchesEventPattern(pattern, { detail: { 'd-count': 3 } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { 'c-count': 10, 'd-count': 20, 'x-limit': 1 } })).toBe(false);
  });

  it('combines with sibling fields as source AND (metricName OR namespace)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(matchesEventPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/EC2' })).toBe(true);
    expect(matchesEventPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/RDS' })).toBe(false);
    expect(matchesEventPattern(pattern, { source: 'aws.ec2', metricName: 'CPUUtilization' })).toBe(false);
  });

  it('supports $or nested inside an $or branch ([ruler] "Nested Or and And")', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        {
          metricType: ['MetricType'],
          namespace: ['AWS/EC2', 'AWS/ES'],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ['Service'] },
      ],
    };
    const base = { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES' };
    expect(matchesEventPattern(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(matchesEventPattern(pattern, { ...base, spaceId: 1001 })).toBe(false);
  });
});

describe('one-stop government service events', () => {
  const submitted = {
    version: '0',
    id: '0d079340-135a-c8c6-95c2-41fb8f496c53',
    source: 'gov.one-stop.applications',
    'detail-type': 'Application.Submitted.v1',
    account: '123456789012',
    time: '2026-03-02T02:15:00Z',
    region: 'cn-north-1',
    resources: [],
    detail: {
      applicationId: 'APP-2026-000123',
      serviceCode: 'business-licence',
      applicant: { type: 'enterprise', regionCode: '310115' },
      fee: { amount: 120.5, currency: 'CNY' },
      attachments: [{ kind: 'id-card' }, { kind: 'business-plan', pages: 12 }],
    },
  };

  it('routes any versioned application event from the gov.one-stop sources by prefix and wildcard', () => {
    const pattern = { source: [{ prefix: 'gov.one-stop.' }], 'detail-type': [{ wildcard: 'Application.*.v1' }] };
    expect(matchesEventPattern(pattern, submitted)).toBe(true);
    expect(matchesEventPattern(pattern, { ...submitted, 'detail-type': 'Application.Submitted.v2' })).toBe(false);
  });

  it('does not deliver a Submitted event to a rule for Approved events', () => {
    const pattern = { source: ['gov.one-stop.applications'], 'detail-type': ['Application.Approved.v1'] };
    expect(matchesEventPattern(pattern, submitted)).toBe(false);
  });

  it('selects fee-bearing enterprise applications by nested numeric and anything-but conditions', () => {
    const pattern: EventPattern = {
      source: ['gov.one-stop.applications'],
      detail: { applicant: { type: [{ 'anything-but': 'individual' }] }, fee: { amount: [{ numeric: ['>', 0] }] } },
    };
    expect(matchesEventPattern(pattern, submitted)).toBe(true);
    expect(
      matchesEventPattern(pattern, withDetail(submitted, { ...submitted.detail, fee: { amount: 0, currency: 'CNY' } })),
    ).toBe(false);
  });

  it('matches on an attachment kind inside the attachments array', () => {
    const pattern = { detail: { attachments: { kind: ['business-plan'], pages: [{ numeric: ['>=', 10] }] } } };
    expect(matchesEventPattern(pattern, submitted)).toBe(true);
    expect(
      matchesEventPattern(
        { detail: { attachments: { kind: ['id-card'], pages: [{ numeric: ['>=', 10] }] } } },
        submitted,
      ),
    ).toBe(false);
  });

  it('uses exists: false to pick applications that have no reviewer yet', () => {
    const pattern = { 'detail-type': [{ prefix: 'Application.' }], detail: { reviewerId: [{ exists: false }] } };
    expect(matchesEventPattern(pattern, submitted)).toBe(true);
    expect(matchesEventPattern(pattern, withDetail(submitted, { ...submitted.detail, reviewerId: 'U-9' }))).toBe(false);
  });
});

describe('validateEventPattern', () => {
  it('accepts every documented pattern used above', () => {
    const documented: unknown[] = [
      {
        source: ['aws.ec2'],
        'detail-type': ['EC2 Instance State-change Notification'],
        detail: { state: ['terminated'] },
      },
      { detail: { eventVersion: [''], responseElements: [null] } },
      { time: [{ prefix: '2017-10-02' }] },
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } },
      { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] },
      { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
      { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      { detail: { 'c-count': [{ exists: false }] } },
      { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
      { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
    ];
    for (const pattern of documented) expect(() => validateEventPattern(pattern)).not.toThrow();
  });

  it.each<[string, unknown, RegExp]>([
    ['a pattern that is not an object', ['aws.ec2'], /^Invalid event pattern: must be an object$/],
    ['an empty pattern', {}, /empty objects are not allowed/],
    [
      'a leaf value that is not in an array',
      { detail: { state: 'running' } },
      /at detail\.state: must be an object or an array/,
    ],
    ['an empty match list', { source: [] }, /at source: empty arrays are not allowed/],
    ['a nested array as a match value', { source: [['aws.ec2']] }, /at source\[0\]: match values must be/],
    [
      'a misspelt operator',
      { detail: { state: [{ prefx: 'init' }] } },
      /at detail\.state\[0\]: unknown operator "prefx"/,
    ],
    [
      'an operator object with two keys',
      { time: [{ prefix: '2017', suffix: 'Z' }] },
      /at time\[0\]: an operator object must have exactly one key/,
    ],
    ['prefix given a number', { time: [{ prefix: 2017 }] }, /at time\[0\]\.prefix: must be a string/],
    [
      'equals-ignore-case given a list',
      { s: [{ 'equals-ignore-case': ['a', 'b'] }] },
      /at s\[0\]\.equals-ignore-case: must be a string/,
    ],
    ['exists given a string', { s: [{ exists: 'false' }] }, /at s\[0\]\.exists: must be true or false/],
    [
      'numeric with a non-numeric operand',
      { n: [{ numeric: ['>', 'five'] }] },
      /at n\[0\]\.numeric\[1\]: must be a number/,
    ],
    [
      'numeric with an unknown operator',
      { n: [{ numeric: ['!=', 1] }] },
      /at n\[0\]\.numeric\[0\]: unknown numeric operator "!="/,
    ],
    [
      'numeric with two lower bounds',
      { n: [{ numeric: ['>', 0, '>', 0] }] },
      /lower bound .* followed by an upper bound/,
    ],
    [
      'numeric with the upper bound first',
      { n: [{ numeric: ['<', 10, '>', 0] }] },
      /lower bound .* followed by an upper bound/,
    ],
    [
      'numeric with an empty range',
      { n: [{ numeric: ['>', 5, '<', 1] }] },
      /lower bound must be less than the upper bound/,
    ],
    ['numeric with an odd number of terms', { n: [{ numeric: ['>', 0, '<'] }] }, /at n\[0\]\.numeric: must be/],
    ['numeric beyond ±5e9', { n: [{ numeric: ['<', 6e9] }] }, /numeric\[1\]: must be between/],
    ['anything-but with a mixed list', { s: [{ 'anything-but': ['a', 1] }] }, /only strings or only numbers/],
    ['anything-but with null in its list', { s: [{ 'anything-but': ['a', null] }] }, /only strings or only numbers/],
    ['anything-but with an empty prefix', { s: [{ 'anything-but': { prefix: '' } }] }, /empty prefix is not allowed/],
    [
      'anything-but with a nested ignore-case prefix',
      { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'a' } } }] },
      /anything-but\.prefix: must be a string/,
    ],
    [
      'anything-but with an unsupported operator',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      /unsupported anything-but operator "numeric"/,
    ],
    ['a wildcard with consecutive stars', { s: [{ wildcard: 'a**b' }] }, /consecutive wildcard characters/],
    ['a wildcard escaping an ordinary character', { s: [{ wildcard: 'a\\d' }] }, /a backslash may only escape/],
    ['a CIDR without a prefix length', { ip: [{ cidr: '10.0.0.0' }] }, /is not an IPv4 or IPv6 CIDR block/],
    ['a CIDR with an invalid address', { ip: [{ cidr: '10.0.0.300/24' }] }, /is not an IPv4 or IPv6 CIDR block/],
    ['a CIDR covering a single address', { ip: [{ cidr: '10.0.0.1/32' }] }, /prefix length must be below 32/],
    ['a CIDR with host bits set', { ip: [{ cidr: '10.0.0.5/24' }] }, /has host bits set/],
    ['$or with a single branch', { $or: [{ source: ['aws.ec2'] }] }, /at \$or: \$or must be an array of at least two/],
    ['$or whose branch is not an object', { $or: [{ source: ['a'] }, ['b']] }, /at \$or\[1\]: must be an object/],
    [
      'an operator used as a field name inside $or',
      { $or: [{ prefix: ['a'] }, { source: ['b'] }] },
      /at \$or\[0\]\.prefix: "prefix" is an operator/,
    ],
  ])('rejects %s, naming the path', (_case, pattern, message) => {
    expect(() => validateEventPattern(pattern)).toThrow(message);
  });

  it('makes matchesEventPattern throw for a malformed pattern instead of quietly not matching', () => {
    expect(() => matchesEventPattern({ detail: { state: [{ 'anything-bt': 'running' }] } }, rulerEvent)).toThrow(
      /detail\.state\[0\]: unknown operator "anything-bt"/,
    );
  });
});
