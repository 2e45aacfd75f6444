// The table of message templates per event detail-type, and how a template's text is filled and rendered.
import { ALL_EVENT_CONTRACTS } from '../../contracts/all-events';
import { CASE_TEMPLATES } from './case-templates';
import { ENGAGEMENT_TEMPLATES } from './engagement-templates';
import type { Channel, Language } from './model';
import { OUTCOME_TEMPLATES } from './outcome-templates';
import type { MessageTemplate } from './template-builder';

/**
 * What the platform says, per event detail-type and channel, Chinese first with English. Placeholders are `{name}`;
 * templateValues() (values.ts) fills them from the event's detail and the catalogue's names. The inbox is always written; a
 * template without `sms` or `email` is not sent on that channel (a new to-do does not wake a department head).
 */
export const MESSAGE_TEMPLATES: Readonly<Record<string, MessageTemplate>> = {
  ...CASE_TEMPLATES,
  ...OUTCOME_TEMPLATES,
  ...ENGAGEMENT_TEMPLATES,
};

/** The event contracts messaging consumes: those with a template (the rule's pattern is built from this list). */
export const NOTIFIED_CONTRACTS = ALL_EVENT_CONTRACTS.filter((c) => Object.hasOwn(MESSAGE_TEMPLATES, c.detailType));

export function templateFor(detailType: string): MessageTemplate | undefined {
  return Object.hasOwn(MESSAGE_TEMPLATES, detailType) ? MESSAGE_TEMPLATES[detailType] : undefined;
}

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** Fills `{name}` placeholders; a placeholder without a value is a bug in the template, never sent half-filled. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for the placeholder {${name}}`);
    return value;
  });
}

export interface RenderedMessage {
  readonly title: string;
  readonly body: string;
}

/** A template's text on one channel in one language; undefined when the template does not use that channel. */
export function render(
  template: MessageTemplate,
  channel: Channel,
  language: Language,
  values: Readonly<Record<string, string>>,
): RenderedMessage | undefined {
  if (channel === 'sms') return template.sms ? { title: '', body: fill(template.sms[language], values) } : undefined;
  const pair = channel === 'inbox' ? template.inbox[language] : template.email?.[language];
  return pair ? { title: fill(pair.title, values), body: fill(pair.body, values) } : undefined;
}
